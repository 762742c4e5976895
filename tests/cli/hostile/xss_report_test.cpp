// A provider response carrying <script>, </script>, event-handler attributes and U+2028 in its
// body and headers: the HTML report shows all of it as text, and in a real headless Chromium
// no script of it runs. A control page with the same payload unescaped proves the probe can
// see a script that does run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../child_process.h"
#include "../cli_workspace.h"
#include "hostile_server.h"
#include "hostile_suite.h"
#include "report_validity.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string chromium() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(candidate)) return candidate;
  return {};
}

// The DOM after load (and after any handler had its chance to fire), plus Chromium's log.
ProcessResult renderedDom(const std::string& browser, const fs::path& page, const fs::path& profile) {
  return runProcess({browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                     "--user-data-dir=" + profile.string(), "--enable-logging=stderr", "--v=0",
                     "--virtual-time-budget=3000", "--dump-dom", "file://" + page.string()},
                    {}, 90s);
}

class XssReport : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_.writeSuite("hostile/xss.json",
                   hostileSuite({hostileCase("HOSTILE-SCRIPT", "script", json::object(),
                                             {{"status", 200}, {"headers", {{"X-Evil", {{"absent", true}}}}}})}));
    run_ = gpcAssure({"run", "--target", ws_.writeTarget(server_.foundations()).string(), "--suites-dir",
                      ws_.suites().string(), "--out", ws_.reports().string(), "--timeout", "5"});
    html_ = readWhole(ws_.reports() / "report.html");
  }
  using json = nlohmann::json;
  HostileServer server_;
  CliWorkspace ws_;
  ProcessResult run_;
  std::string html_;
};

TEST_F(XssReport, PayloadIsInTheReportOnlyAsEscapedText) {
  ASSERT_EQ(run_.exitCode, 1) << run_.out << run_.err;
  const ReportCheck reports = checkReports(ws_.reports());
  EXPECT_TRUE(reports.problems.empty()) << reports.problems;
  // The failing case's evidence (header and body) is in the page, escaped.
  EXPECT_NE(html_.find("X-Evil"), std::string::npos);
  EXPECT_NE(html_.find("&lt;script&gt;document.documentElement.setAttribute("), std::string::npos);
  EXPECT_NE(html_.find("&lt;/script&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html_.find("<script>document."), std::string::npos);
  EXPECT_EQ(html_.find("<img src=x"), std::string::npos);
  EXPECT_EQ(html_.find("<svg onload"), std::string::npos);
  EXPECT_EQ(html_.find("onerror=\""), std::string::npos);
  // One <script> element (the report's own), whatever the provider sent.
  std::size_t scripts = 0;
  for (auto at = html_.find("<script"); at != std::string::npos; at = html_.find("<script", at + 1)) ++scripts;
  EXPECT_EQ(scripts, 1u);
}

TEST_F(XssReport, NoScriptRunsInChromium) {
  const std::string browser = chromium();
  if (browser.empty()) GTEST_SKIP() << "chromium not installed (scripts/install-deps installs it)";
  ASSERT_EQ(run_.exitCode, 1) << run_.out << run_.err;
  const std::string ran = "data-gpc-xss=\"ran\"";

  // Control: the same payload as raw markup does run, so the probe below can fail.
  ws_.write("control.html", "<!DOCTYPE html><html><body><img src=x onerror=\"" + std::string(kXssMark) +
                                "\"></body></html>");
  const ProcessResult control = renderedDom(browser, ws_.root() / "control.html", ws_.root() / "profile-control");
  ASSERT_NE(control.out.find(ran), std::string::npos) << "the probe cannot see a running script:\n" << control.out;

  const ProcessResult report = renderedDom(browser, ws_.reports() / "report.html", ws_.root() / "profile-report");
  ASSERT_EQ(report.exitCode, 0) << report.err;
  ASSERT_NE(report.out.find("X-Evil"), std::string::npos) << "the evidence did not render";
  EXPECT_EQ(report.out.find(ran), std::string::npos) << "a provider's script ran in the report";
  // A Content-Security-Policy refusal would mean markup got in and only the policy stopped it.
  EXPECT_EQ(report.err.find("Content Security Policy"), std::string::npos) << report.err;
  EXPECT_EQ(report.err.find("Uncaught"), std::string::npos) << report.err;
}

}  // namespace
}  // namespace gpc::testing
