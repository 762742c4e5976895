// run --retries against the embedded provider with the first-request-fails fault: the case that
// meets the outage is flaky (exit 0, its failed attempt in JSON, JUnit <flakyFailure>, HTML,
// console), failed without --retries, and --fail-on-flaky makes the run fail.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

std::string text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ProcessResult runOutage(const fs::path& out, std::vector<std::string> extra) {
  std::vector<std::string> args = {"run", "--case", "FND-MET-001", "--fault", "first-request-fails", "--out", out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return gpcAssure(args);
}

TEST(CliRetries, TheCaseThatMetTheOutageIsFlakyWithItsFailedAttemptKept) {
  CliWorkspace ws;
  const auto r = runOutage(ws.reports(), {"--retries", "2"});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("FLAKY FND-MET-001"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Flaky (passed on a retry, failing attempts kept): 1 case"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 passed, 0 failed, 0 errored, 0 skipped, 1 flaky"), std::string::npos) << r.out;

  const auto report = nlohmann::json::parse(text(ws.reports() / "report.json"));
  EXPECT_EQ(report.at("run").at("retries"), 2);
  EXPECT_EQ(report.at("summary").at("flaky"), 1);
  const auto& c = report.at("cases").at(0);
  EXPECT_EQ(c.at("verdict"), "flaky");
  ASSERT_EQ(c.at("retried").size(), 1u);
  EXPECT_EQ(c.at("retried").at(0).at("verdict"), "failed");
  EXPECT_EQ(c.at("retried").at(0).at("exchanges").at(0).at("response").at("status"), 500);
  EXPECT_EQ(c.at("exchanges").at(0).at("response").at("status"), 200);

  const std::string junit = text(ws.reports() / "junit.xml");
  EXPECT_NE(junit.find("<flakyFailure message="), std::string::npos) << junit;
  EXPECT_EQ(junit.find("<failure"), std::string::npos) << junit;
  const std::string html = text(ws.reports() / "report.html");
  EXPECT_NE(html.find("data-verdict=\"flaky\""), std::string::npos);
  EXPECT_NE(html.find("Attempt 1 of 2"), std::string::npos);
}

TEST(CliRetries, WithoutRetriesTheOutageIsAFailureAndFailOnFlakyFailsTheRun) {
  CliWorkspace ws;
  const auto once = runOutage(ws.reports() / "once", {});
  EXPECT_EQ(once.exitCode, 1) << once.out << once.err;
  EXPECT_NE(once.out.find("0 passed, 1 failed, 0 errored, 0 skipped"), std::string::npos) << once.out;
  const auto strict = runOutage(ws.reports() / "strict", {"--retries", "1", "--fail-on-flaky"});
  EXPECT_EQ(strict.exitCode, 1) << strict.out << strict.err;
  EXPECT_NE(strict.out.find("1 flaky"), std::string::npos) << strict.out;
  const auto strictJunit = runOutage(ws.reports() / "ant", {"--retries", "1", "--report", "junit-strict"});
  EXPECT_EQ(strictJunit.exitCode, 0) << strictJunit.err;
  const std::string junit = text(ws.reports() / "ant" / "junit.xml");
  EXPECT_EQ(junit.find("flakyFailure"), std::string::npos) << "the Ant schema has no flaky elements";
  EXPECT_NE(junit.find("name=\"FND-MET-001.flaky\""), std::string::npos) << junit;
}

}  // namespace
}  // namespace gpc::testing
