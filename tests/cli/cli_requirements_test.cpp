// `gpc-assure requirements` through the real binary: text and CSV, with and without a report.
#include <gtest/gtest.h>

#include <filesystem>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

TEST(CliRequirements, WithoutAReportEveryRequirementIsNotRun) {
  CliWorkspace ws;
  ws.writeTinySuites();
  const auto r = gpcAssure({"requirements", "--suites-dir", ws.suites().string()});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("foundations#metadata\n  not run: 2 cases (0 passed, 0 failed, 0 errored, 0 flaky, 0 waived, 2 not run)\n"
                       "  TINY-A-001 TINY-B-001\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2 requirements: 0 all passed, 0 some failed, 0 some not run, 2 not run\n"), std::string::npos);
}

TEST(CliRequirements, CsvFromARunsReportHasEachVerdict) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(500);
  ASSERT_EQ(gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                       ws.suites().string(), "--out", ws.reports().string()})
                .exitCode,
            1);
  const auto r = gpcAssure({"requirements", "--report", ws.reports().string(), "--format", "csv"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out,
            "requirement,verdict,cases,passed,failed,errored,flaky,waived,not_run,case_ids\r\n"
            "foundations#caching,all passed,1,1,0,0,0,0,0,TINY-A-002\r\n"
            "foundations#metadata,some failed,2,0,2,0,0,0,0,TINY-A-001 TINY-B-001\r\n");
  const auto filtered = gpcAssure({"requirements", "--report", ws.reports().string(), "--format", "csv", "--tag", "y"});
  EXPECT_EQ(filtered.exitCode, 0);
  EXPECT_EQ(filtered.out.find("metadata"), std::string::npos) << filtered.out;
}

TEST(CliRequirements, BadInputIsExitTwo) {
  CliWorkspace ws;
  ws.writeTinySuites();
  const auto missing = gpcAssure({"requirements", "--report", (ws.root() / "none.json").string()});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("gpc-assure requirements: " + (ws.root() / "none.json").string() + ": cannot read"),
            std::string::npos)
      << missing.err;
  EXPECT_EQ(gpcAssure({"requirements", "--format", "xlsx", "--suites-dir", ws.suites().string()}).exitCode, 2);
  const auto nothing = gpcAssure({"requirements", "--suites-dir", ws.suites().string(), "--case", "NOPE-*"});
  EXPECT_EQ(nothing.exitCode, 2);
  EXPECT_NE(nothing.err.find("no case matches"), std::string::npos) << nothing.err;
}

}  // namespace
}  // namespace gpc::testing
