// `run --baseline` and `gpc-assure diff OLD NEW` through the real binary (docs/cli.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

// Runs the tiny suites against a provider answering `status` into reports/<name>.
ProcessResult runInto(const CliWorkspace& ws, int status, const std::string& name, std::vector<std::string> extra = {}) {
  FakeProvider provider(status);
  std::vector<std::string> args{"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                                ws.suites().string(), "--out", (ws.reports() / name).string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return gpcAssure(args);
}

TEST(CliBaseline, RunMarksEveryCaseAgainstTheBaselineInConsoleJsonAndHtml) {
  CliWorkspace ws;
  ws.writeTinySuites();
  ASSERT_EQ(runInto(ws, 200, "good").exitCode, 0);
  const auto r = runInto(ws, 500, "bad", {"--baseline", (ws.reports() / "good").string()});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  const std::string old = (ws.reports() / "good" / "report.json").string();
  EXPECT_NE(r.out.find("Changes since baseline " + old), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 regressed, 0 fixed, 0 new, 0 removed, 0 still failing, 1 unchanged"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  regressed      TINY-A-001  passed -> failed"), std::string::npos) << r.out;
  const auto report = nlohmann::json::parse(readText(ws.reports() / "bad" / "report.json"));
  EXPECT_EQ(report["run"]["baseline"]["file"], old);
  EXPECT_EQ(report["cases"][0]["change"], "regressed");
  EXPECT_NE(readText(ws.reports() / "bad" / "report.html").find("<section id=\"changes\">"), std::string::npos);
}

TEST(CliBaseline, DiffPrintsTheSameAndExitsOneOnRegressionsZeroOtherwise) {
  CliWorkspace ws;
  ws.writeTinySuites();
  ASSERT_EQ(runInto(ws, 200, "good").exitCode, 0);
  ASSERT_EQ(runInto(ws, 500, "bad").exitCode, 1);
  const std::string good = (ws.reports() / "good").string(), bad = (ws.reports() / "bad" / "report.json").string();
  const auto worse = gpcAssure({"diff", good, bad});
  EXPECT_EQ(worse.exitCode, 1) << worse.out << worse.err;
  EXPECT_NE(worse.out.find("Changes since baseline " + good + "/report.json"), std::string::npos) << worse.out;
  EXPECT_NE(worse.out.find("  regressed      TINY-B-001  passed -> failed"), std::string::npos) << worse.out;
  const auto better = gpcAssure({"diff", bad, good});
  EXPECT_EQ(better.exitCode, 0) << better.out << better.err;
  EXPECT_NE(better.out.find("  fixed          TINY-A-001  failed -> passed"), std::string::npos) << better.out;
  const auto same = gpcAssure({"diff", bad, bad});
  EXPECT_EQ(same.exitCode, 0);
  EXPECT_NE(same.out.find("0 regressed, 0 fixed, 0 new, 0 removed, 2 still failing, 1 unchanged"), std::string::npos)
      << same.out;
}

TEST(CliBaseline, AnUnreadableReportIsExitTwoNamingIt) {
  CliWorkspace ws;
  ws.writeTinySuites();
  ws.write("broken.json", R"({"schema_version": "1.3", "run": {}})");
  const std::string broken = (ws.root() / "broken.json").string();
  const auto r = gpcAssure({"diff", broken, broken});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("gpc-assure diff: " + broken + ": /run/tool_version: missing"), std::string::npos) << r.err;
  const auto missing = gpcAssure({"diff", (ws.root() / "nowhere").string(), broken});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("nowhere: cannot read"), std::string::npos) << missing.err;
  const auto usage = gpcAssure({"diff", broken});
  EXPECT_EQ(usage.exitCode, 2);
  FakeProvider provider(200);
  const auto run = gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                              ws.suites().string(), "--out", ws.reports().string(), "--baseline", broken});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_NE(run.err.find("gpc-assure run: " + broken + ": /run/tool_version: missing"), std::string::npos) << run.err;
  EXPECT_TRUE(provider.paths().empty()) << "nothing is sent before the baseline is read";
}

}  // namespace
}  // namespace gpc::testing
