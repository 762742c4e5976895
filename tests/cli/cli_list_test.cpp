// `gpc-assure list` with each filter, through the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

class CliList : public ::testing::Test {
 protected:
  void SetUp() override { ws.writeTinySuites(); }

  // Case ids listed, in order; expects exit 0.
  std::vector<std::string> ids(std::vector<std::string> filters) {
    std::vector<std::string> args = {gpcAssureExe(), "list", "--format", "json", "--suites-dir", ws.suites().string()};
    args.insert(args.end(), filters.begin(), filters.end());
    const auto r = runProcess(args);
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    std::vector<std::string> out;
    if (r.exitCode != 0) return out;
    for (const auto& c : nlohmann::json::parse(r.out)) out.push_back(c.at("id").get<std::string>());
    return out;
  }

  CliWorkspace ws;
};

using Ids = std::vector<std::string>;

TEST_F(CliList, ListsEveryCaseWithoutFilters) {
  EXPECT_EQ(ids({}), (Ids{"TINY-A-001", "TINY-A-002", "TINY-B-001"}));
}

TEST_F(CliList, FiltersBySuiteIdOrFile) {
  EXPECT_EQ(ids({"--suite", "tiny.a"}), (Ids{"TINY-A-001", "TINY-A-002"}));
  EXPECT_EQ(ids({"--suite", "*b.json"}), (Ids{"TINY-B-001"}));
}

TEST_F(CliList, FiltersByTagAndExcludedTag) {
  EXPECT_EQ(ids({"--tag", "x"}), (Ids{"TINY-A-001", "TINY-B-001"}));
  EXPECT_EQ(ids({"--tag", "tiny"}), (Ids{"TINY-A-001", "TINY-A-002"})) << "suite tags reach every case";
  EXPECT_EQ(ids({"--exclude-tag", "slow"}), (Ids{"TINY-A-001", "TINY-A-002"}));
  EXPECT_EQ(ids({"--tag", "x", "--exclude-tag", "slow"}), (Ids{"TINY-A-001"}));
}

TEST_F(CliList, FiltersByCaseIdGlob) {
  EXPECT_EQ(ids({"--case", "TINY-B-*"}), (Ids{"TINY-B-001"}));
  EXPECT_EQ(ids({"--case", "TINY-?-002", "--case", "TINY-B-001"}), (Ids{"TINY-A-002", "TINY-B-001"}));
}

TEST_F(CliList, TextFormatPrintsAlignedColumns) {
  const auto r = runProcess({gpcAssureExe(), "list", "--suites-dir", ws.suites().string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = r.out.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(r.out.substr(start, end - start));
  ASSERT_EQ(lines.size(), 4u) << r.out;
  EXPECT_EQ(lines[0].rfind("ID", 0), 0u);
  const auto titleColumn = lines[0].find("TITLE");
  const auto fileColumn = lines[0].find("SUITE FILE");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].find("metadata"), titleColumn) << lines[i];
    EXPECT_EQ(lines[i].find("suites/tiny/"), fileColumn) << lines[i];
  }
  EXPECT_NE(lines[3].find("x,slow"), std::string::npos) << lines[3];
}

TEST_F(CliList, NoMatchIsExitTwo) {
  const auto r = runProcess({gpcAssureExe(), "list", "--suites-dir", ws.suites().string(), "--case", "NOPE-*"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("no case matches the filters"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gpc::testing
