// `run --waivers FILE` through the real binary: exit codes, the waived verdict in the reports,
// expired and unused waivers, and bad waiver files (docs/reports.md, Waivers).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

std::string waiver(const std::string& glob, const std::string& expires, const std::string& reference = "DEV-12") {
  return R"({"case": ")" + glob + R"(", "reason": "provider fix due in release 4", "reference": ")" + reference +
         R"(", "approved_by": "A. Reviewer", "expires": ")" + expires + R"("})";
}

// TINY-A-001 and TINY-B-001 fail against a provider answering 500; TINY-A-002 passes.
ProcessResult runWithWaivers(const CliWorkspace& ws, const FakeProvider& provider, const std::string& waivers) {
  ws.write("waivers.json", R"({"waivers": [)" + waivers + "]}");
  return gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                    ws.suites().string(), "--out", ws.reports().string(), "--waivers",
                    (ws.root() / "waivers.json").string()});
}

TEST(CliWaivers, ExitsZeroWhenEveryFailureIsWaivedAndReportsThemWaived) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(500);
  const auto r = runWithWaivers(ws, provider, waiver("TINY-*-001", "2999-12-31"));
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("WAIVED TINY-A-001"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 passed, 0 failed, 0 errored, 0 skipped, 2 waived\n"), std::string::npos) << r.out;
  const auto report = nlohmann::json::parse(readText(ws.reports() / "report.json"));
  EXPECT_EQ(report["summary"]["waived"], 2);
  EXPECT_EQ(report["cases"][0]["verdict"], "waived");
  EXPECT_EQ(report["cases"][0]["waiver"]["reference"], "DEV-12");
  EXPECT_EQ(report["cases"][0]["waiver"]["original_verdict"], "failed");
  EXPECT_NE(readText(ws.reports() / "junit.xml").find("<skipped message=\"waived failed case, waived by DEV-12"),
            std::string::npos);
  EXPECT_NE(readText(ws.reports() / "report.html").find("<section id=\"waivers\">"), std::string::npos);
}

TEST(CliWaivers, AnExpiredWaiverIsAFailureThatSaysItExpired) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(500);
  const auto r = runWithWaivers(ws, provider, waiver("TINY-A-001", "2999-12-31") + "," +
                                                  waiver("TINY-B-001", "2001-01-31", "DEV-9"));
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("waiver DEV-9 expired on 2001-01-31: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 passed, 1 failed, 0 errored, 0 skipped, 1 waived\n"), std::string::npos) << r.out;
}

TEST(CliWaivers, AWaiverThatMatchesNothingIsAWarning) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(500);
  const auto r = runWithWaivers(ws, provider, waiver("TINY-*-001", "2999-12-31") + "," +
                                                  waiver("OTHER-*", "2999-12-31", "DEV-5") + "," +
                                                  waiver("TINY-A-002", "2999-12-31", "DEV-6"));
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  const std::string file = (ws.root() / "waivers.json").string();
  EXPECT_NE(r.err.find("gpc-assure run: warning: " + file + ": waiver 2 ('OTHER-*', DEV-5) matches no case of this run"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("waiver 3 ('TINY-A-002', DEV-6) matches 1 case, none of which failed"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("waiver 1"), std::string::npos) << r.err;
}

TEST(CliWaivers, ABadWaiverFileIsExitTwoNamingFileAndPathBeforeAnythingIsSent) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(500);
  const auto r = runWithWaivers(ws, provider, waiver("TINY-*", "2999-12-31") + "," + waiver("X", "31/01/2027"));
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  const std::string file = (ws.root() / "waivers.json").string();
  EXPECT_NE(r.err.find(file + ": /waivers/1/expires: '31/01/2027' is not a date (expected YYYY-MM-DD)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(provider.paths().empty());
}

}  // namespace
}  // namespace gpc::testing
