// A waived failure in every report: shown as waived, never as passed (docs/reports.md, Waivers).

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <sstream>

#include "reporters/html_report.h"
#include "reporters/reporters.h"
#include "console_run.h"
#include "sample_results.h"
#include "temp_dir.h"

namespace gpc::reporters {
namespace {

// sampleRun with its failed case waived by an active waiver and its errored one by an expired
// waiver (which leaves it errored), plus a waiver that matches nothing.
RunResult waivedRun() {
  RunResult r = testing::sampleRun();
  r.info.waiversFile = "assurance/waivers.json";
  r.info.waivers = {{"FND-PAT-READ-00?", "fix due in release 4", "DEV-12", "A. Reviewer", "2027-03-31"},
                    {"SEC-*", "old deviation", "DEV-9", "B. Reviewer", "2020-01-31"},
                    {"DOC-*", "unused", "DEV-7", "C. Reviewer", "2027-01-01"}};
  r.cases[1].verdict = Verdict::Waived;
  r.cases[1].waiver = AppliedWaiver{r.info.waivers[0], Verdict::Failed, false};
  r.cases[2].reason = "waiver DEV-9 expired on 2020-01-31: " + r.cases[2].reason;
  r.cases[2].waiver = AppliedWaiver{r.info.waivers[1], Verdict::Errored, true};
  return testing::withSummary(std::move(r));
}

std::string console(const RunResult& r, ConsoleOptions options = {}) { return testing::runConsole(r, options); }

TEST(WaivedReport, ConsoleLabelsItWaivedNamesTheWaiverAndCountsItLast) {
  const std::string out = console(waivedRun());
  EXPECT_NE(out.find("\nWAIVED FND-PAT-READ-002  Read a registered patient  (12 ms)\n"
                     "      waived by DEV-12 until 2027-03-31 (approved by A. Reviewer): fix due in release 4\n"
                     "      status: expected 200, got 404\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\nERROR SEC-HDR-001  Read a registered patient  (12 ms)\n"
                     "      waiver DEV-9 expired on 2020-01-31: connection refused\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\nWaived failures: 1 case\n  FND-PAT-READ-002  failed, waived by DEV-12"), std::string::npos) << out;
  EXPECT_NE(out.find("capability    total  passed  failed  errored  skipped   waived\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("\n1 passed, 0 failed, 1 errored, 1 skipped, 1 waived\n")) << out;
}

TEST(WaivedReport, QuietConsoleStillShowsTheWaivedCase) {
  ConsoleOptions quiet;
  quiet.quiet = true;
  EXPECT_NE(console(waivedRun(), quiet).find("WAIVED FND-PAT-READ-002"), std::string::npos);
}

TEST(WaivedReport, WithoutWaiversTheCountsLineKeepsItsFourCounts) {
  EXPECT_TRUE(console(testing::sampleRun()).ends_with("\n1 passed, 1 failed, 1 errored, 1 skipped\n"));
}

TEST(WaivedReport, JUnitMarksItSkippedAsAWaivedFailureNeverAsPassed) {
  TempDir dir;
  for (JUnitStyle style : {JUnitStyle::PerCase, JUnitStyle::Strict}) {
    const auto path = dir.path() / "junit.xml";
    makeJUnitReporter(path, style)->runFinished(waivedRun());
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_file(path.c_str()));
    const auto suite = doc.child("testsuites").find_child_by_attribute("testsuite", "name", "foundations.patient.read");
    EXPECT_STREQ(suite.attribute("skipped").value(), "1");
    EXPECT_STREQ(suite.attribute("failures").value(), "0");
    pugi::xml_node waived;
    for (auto tc : suite.children("testcase"))
      if (std::string(tc.attribute("name").value()).rfind("FND-PAT-READ-002", 0) == 0) waived = tc;
    ASSERT_TRUE(waived);
    const std::string message = waived.child("skipped").attribute("message").value();
    EXPECT_EQ(message,
              "waived failed case, waived by DEV-12 until 2027-03-31 (approved by A. Reviewer): fix due in release 4; "
              "failure: status: expected 200, got 404");
    EXPECT_FALSE(waived.child("failure"));
    const auto security = doc.child("testsuites").find_child_by_attribute("testsuite", "name", "security.headers");
    EXPECT_STREQ(security.attribute("errors").value(), "1") << "an expired waiver leaves the case errored";
    const auto property = style == JUnitStyle::Strict
                              ? suite.child("properties").find_child_by_attribute("property", "name", "FND-PAT-READ-002.waiver")
                              : waived.child("properties").find_child_by_attribute("property", "name", "waiver");
    EXPECT_NE(std::string(property.attribute("value").value()).find("DEV-12"), std::string::npos);
  }
}

TEST(WaivedReport, HtmlHasAWaiversSectionAFilterAndTheCaseWithItsEvidence) {
  const std::string html = renderHtmlReport(waivedRun());
  EXPECT_NE(html.find("<section id=\"waivers\">"), std::string::npos);
  EXPECT_NE(html.find("<code>assurance/waivers.json</code>"), std::string::npos);
  EXPECT_NE(html.find("<td>in force until 2027-03-31</td><td><a href=\"#case-FND-PAT-READ-002\">"), std::string::npos) << html;
  EXPECT_NE(html.find("<strong>expired</strong> on 2020-01-31"), std::string::npos);
  EXPECT_NE(html.find("<strong>matches no case</strong> of this run"), std::string::npos);
  EXPECT_NE(html.find("data-verdict=\"waived\" checked> waived (1)"), std::string::npos);
  EXPECT_NE(html.find("<details class=\"case\" data-verdict=\"waived\" id=\"case-FND-PAT-READ-002\">"), std::string::npos)
      << "listed, closed, as waived";
  EXPECT_NE(html.find("<dt>Waiver</dt><dd>waived by DEV-12 until 2027-03-31"), std::string::npos);
  EXPECT_NE(html.find("<dt>Waiver (expired)</dt><dd>waiver DEV-9 expired on 2020-01-31"), std::string::npos);
  EXPECT_NE(html.find("<strong>FAIL</strong> 1 passed, 0 failed, 1 errored, 1 skipped, 1 waived"), std::string::npos)
      << "the expired waiver's errored case still fails the run";
  // Its evidence is shown in full, as for a failure: the check table and the judged exchange.
  const auto block = html.substr(html.find("id=\"case-FND-PAT-READ-002\""));
  EXPECT_LT(block.find("<table class=\"checks\">"), block.find("</details>\n<details class=\"case\""));
}

TEST(WaivedReport, HtmlOfARunWithoutWaiversHasNoWaiversSection) {
  EXPECT_EQ(renderHtmlReport(testing::sampleRun()).find("id=\"waivers\""), std::string::npos);
}

TEST(WaivedReport, AllWaivedIsAPassBanner) {
  RunResult r = waivedRun();
  r.cases.erase(r.cases.begin() + 2);  // the expired one
  const std::string html = renderHtmlReport(testing::withSummary(std::move(r)));
  EXPECT_NE(html.find("<strong>PASS</strong> 1 passed, 0 failed, 0 errored, 1 skipped, 1 waived"), std::string::npos);
}

}  // namespace
}  // namespace gpc::reporters
