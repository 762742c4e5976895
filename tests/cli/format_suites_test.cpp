// tools/format_suites.cpp: the canonical layout of suite files (the ctest suites.canonical_form
// runs it with --check over suites/; this proves --check can fail and the rewrite is right).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli/child_process.h"
#include "tests/cli/cli_workspace.h"

namespace {

using gpc::testing::CliWorkspace;
using gpc::testing::runProcess;

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr const char* kColumnSuite =
    R"({"suite": "s", "cases": [{"id": "C-{key}", "examples": {"key": ["a", "b"], "status": [200, 404]}}]})";

TEST(FormatSuites, CheckReportsAFileNotInCanonicalFormAndWritesNothing) {
  CliWorkspace ws;
  ws.writeSuite("x/one.json", kColumnSuite);
  const auto result = runProcess({GPC_FORMAT_SUITES_EXE, "--check", ws.suites().string()});
  EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("one.json: not in canonical form"), std::string::npos) << result.out;
  EXPECT_EQ(slurp(ws.suites() / "x/one.json"), kColumnSuite);
}

TEST(FormatSuites, RewritesExamplesColumnsAsRowsKeepingKeyOrderAndThenPassesCheck) {
  CliWorkspace ws;
  ws.writeSuite("one.json", kColumnSuite);
  ASSERT_EQ(runProcess({GPC_FORMAT_SUITES_EXE, ws.suites().string()}).exitCode, 0);
  const std::string text = slurp(ws.suites() / "one.json");
  const auto rows = nlohmann::ordered_json::parse(text)["cases"][0]["examples"];
  ASSERT_TRUE(rows.is_array());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].dump(), R"({"key":"b","status":404})");
  EXPECT_LT(text.find("\"suite\""), text.find("\"cases\""));
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(runProcess({GPC_FORMAT_SUITES_EXE, "--check", ws.suites().string()}).exitCode, 0);
}

TEST(FormatSuites, UnequalColumnsAndBadJsonAreErrorsNamingFileAndPointer) {
  CliWorkspace ws;
  ws.writeSuite("uneven.json", R"({"cases": [{"examples": {"key": ["a", "b"], "status": [200]}}]})");
  auto result = runProcess({GPC_FORMAT_SUITES_EXE, ws.suites().string()});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.err.find("uneven.json: /cases/0/examples/status: column has 1 rows"), std::string::npos)
      << result.err;

  CliWorkspace broken;
  broken.writeSuite("bad.json", "{\"cases\": [");
  result = runProcess({GPC_FORMAT_SUITES_EXE, "--check", broken.suites().string()});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.err.find("bad.json"), std::string::npos) << result.err;
}

}  // namespace
