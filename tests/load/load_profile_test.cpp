#include "runner/load/load_profile.h"

#include <gtest/gtest.h>

#include "runner/core/load_error.h"

namespace gpc::load {
namespace {

std::string errorOf(const std::string& text) {
  try {
    parseLoadProfile(text, "p.json");
  } catch (const LoadError& e) {
    return e.what();
  }
  return "";
}

TEST(LoadProfile, ReadsMixBudgetsAndSampling) {
  const LoadProfile p = parseLoadProfile(R"({"name": "n", "mix": [{"case": "A", "weight": 3, "patients": ["patient2", "patient3"]},
      {"case": "B"}], "budgets": {"error_rate": 0.001, "percentile": 99.9}, "validate_every": 5})",
                                         "p.json");
  ASSERT_EQ(p.mix.size(), 2u);
  EXPECT_EQ(p.mix[0].caseId, "A");
  EXPECT_DOUBLE_EQ(p.mix[0].weight, 3);
  EXPECT_EQ(p.mix[0].patients, (std::vector<std::string>{"patient2", "patient3"}));
  EXPECT_DOUBLE_EQ(p.mix[1].weight, 1);
  EXPECT_EQ(p.mix[1].pointer, "/mix/1");
  EXPECT_DOUBLE_EQ(*p.errorBudget, 0.001);
  EXPECT_DOUBLE_EQ(*p.percentile, 99.9);
  EXPECT_EQ(*p.validateEvery, 5);
}

TEST(LoadProfile, ErrorsNameTheFileAndPointer) {
  EXPECT_EQ(errorOf(R"({"mix": []})"), "p.json: /mix: the mix is empty: name at least one case");
  EXPECT_EQ(errorOf(R"({"mix": [{"case": "A", "weight": 0}]})"), "p.json: /mix/0/weight: a weight must be over 0");
  EXPECT_NE(errorOf(R"({"mix": [{"case": "A", "wieght": 2}]})").find("/mix/0"), std::string::npos);
  EXPECT_NE(errorOf(R"({"mix": [{"case": "A", "wieght": 2}]})").find("weight"), std::string::npos);  // did you mean
  EXPECT_EQ(errorOf(R"({"mix": [{"case": "A"}], "budgets": {"error_rate": 2}})"),
            "p.json: /budgets/error_rate: a share between 0 and 1 (0.001 is 0.1%)");
  EXPECT_NE(errorOf(R"({"mix": [{"case": 7}]})").find("/mix/0/case"), std::string::npos);
  EXPECT_NE(errorOf("{\"mix\": [").find("p.json"), std::string::npos);
}

}  // namespace
}  // namespace gpc::load
