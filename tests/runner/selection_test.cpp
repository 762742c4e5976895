#include <gtest/gtest.h>

#include "runner/suite/selection.h"

namespace gpc {
namespace {

Case make(const std::string& id, const std::string& suite, const std::string& file, std::vector<std::string> tags) {
  Case c;
  c.info.id = id;
  c.info.suiteId = suite;
  c.info.suiteFile = file;
  c.info.tags = std::move(tags);
  return c;
}

TEST(Glob, Patterns) {
  EXPECT_TRUE(globMatch("foundations.*", "foundations.patient.read"));
  EXPECT_TRUE(globMatch("*read", "foundations.patient.read"));
  EXPECT_TRUE(globMatch("FND-PAT-00?", "FND-PAT-001"));
  EXPECT_TRUE(globMatch("FND-[PQ]AT-*", "FND-QAT-1"));
  EXPECT_FALSE(globMatch("FND-[!PQ]AT-*", "FND-QAT-1"));
  EXPECT_FALSE(globMatch("foundations.*", "structured.x"));
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_FALSE(globMatch("a*b*c", "aXbY"));
  EXPECT_TRUE(globMatch("a*b*c", "aXbYc"));
}

TEST(Selection, Filters) {
  std::vector<Case> cases = {make("A-1", "foundations.metadata", "suites/foundations/metadata.json", {"foundations", "jwt"}),
                             make("A-2", "foundations.patient", "suites/foundations/patient.json", {"foundations"}),
                             make("B-1", "structured.allergies", "suites/structured/allergies.json", {"structured", "slow"})};
  auto ids = [&](const Selection& s) {
    std::vector<std::string> out;
    for (const auto& c : select(cases, s)) out.push_back(c.info.id);
    return out;
  };
  EXPECT_EQ(ids({}).size(), 3u);
  EXPECT_EQ(ids({{"foundations.*"}, {}, {}, {}}), (std::vector<std::string>{"A-1", "A-2"}));
  EXPECT_EQ(ids({{"suites/structured/*"}, {}, {}, {}}), (std::vector<std::string>{"B-1"}));
  EXPECT_EQ(ids({{}, {"jwt", "slow"}, {}, {}}), (std::vector<std::string>{"A-1", "B-1"}));
  EXPECT_EQ(ids({{}, {}, {"jwt"}, {}}), (std::vector<std::string>{"A-2", "B-1"}));
  EXPECT_EQ(ids({{}, {"foundations"}, {}, {"*-2"}}), (std::vector<std::string>{"A-2"}));
  EXPECT_TRUE(ids({{"nothing*"}, {}, {}, {}}).empty());
  EXPECT_EQ(describe({{"f*"}, {"t"}, {"x"}, {"c*"}}),
            (std::vector<std::string>{"--suite f*", "--tag t", "--exclude-tag x", "--case c*"}));
}

}  // namespace
}  // namespace gpc
