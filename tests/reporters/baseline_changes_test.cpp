// Changes since a baseline (reporters/baseline_changes.h) and how the reports show them.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "reporters/baseline_changes.h"
#include "reporters/html_report.h"
#include "reporters/reporters.h"
#include "reporters/run_json.h"
#include "sample_results.h"

namespace gpc::reporters {
namespace {

using testing::sampleCase;

// Baseline: A passed, B failed, C errored, D passed, E skipped, GONE failed.
BaselineRun baseline() {
  return BaselineRun{"old/report.json", "2026-12-01T10:00:00.000Z", "ab12",
                     {{"A", Verdict::Passed},
                      {"B", Verdict::Failed},
                      {"C", Verdict::Errored},
                      {"D", Verdict::Passed},
                      {"E", Verdict::Skipped},
                      {"GONE", Verdict::Failed}}};
}

// Now: A failed (regressed), B passed (fixed), C waived (still failing), D passed (unchanged),
// E failed (regressed: it did not fail before), NEW errored (new).
RunResult laterRun() {
  RunResult r;
  r.info = testing::sampleInfo();
  r.info.baseline = baseline();
  r.cases = {sampleCase("A", Verdict::Failed), sampleCase("B", Verdict::Passed), sampleCase("C", Verdict::Waived),
             sampleCase("D", Verdict::Passed), sampleCase("E", Verdict::Failed), sampleCase("NEW", Verdict::Errored)};
  return testing::withSummary(std::move(r));
}

TEST(BaselineChanges, EveryCaseIsClassifiedAndRemovedOnesListed) {
  const RunResult r = laterRun();
  const auto c = compareWithBaseline(*r.info.baseline, r.cases);
  ASSERT_EQ(c.cases.size(), 6u);
  const Change expected[] = {Change::Regressed, Change::Fixed,     Change::StillFailing,
                             Change::Unchanged, Change::Regressed, Change::New};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(c.cases[i].change, expected[i]) << r.cases[i].info.id;
  EXPECT_EQ(c.cases[0].before, Verdict::Passed);
  EXPECT_FALSE(c.cases[5].before);
  ASSERT_EQ(c.removed.size(), 1u);
  EXPECT_EQ(c.removed[0].first, "GONE");
  EXPECT_EQ(changeCountsLine(c), "2 regressed, 1 fixed, 1 new, 1 removed, 1 still failing, 1 unchanged");
}

TEST(BaselineChanges, NowSkippedAndBothSkippedAreUnchanged) {
  BaselineRun b{"f", "t", "d", {{"A", Verdict::Failed}, {"B", Verdict::Skipped}}};
  const std::vector<CaseResult> cases{sampleCase("A", Verdict::Skipped), sampleCase("B", Verdict::Skipped)};
  const auto c = compareWithBaseline(b, cases);
  EXPECT_EQ(c.cases[0].change, Change::Unchanged);
  EXPECT_EQ(c.cases[1].change, Change::Unchanged);
}

TEST(BaselineChanges, LinesListWhatBrokeFirst) {
  const RunResult r = laterRun();
  const auto lines = changeLines(*r.info.baseline, compareWithBaseline(*r.info.baseline, r.cases));
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], "Changes since baseline old/report.json (run of 2026-12-01T10:00:00.000Z): 2 regressed, 1 fixed, "
                      "1 new, 1 removed, 1 still failing, 1 unchanged");
  EXPECT_EQ(lines[1], "  regressed      A  passed -> failed  status: expected 200, got 404");
  EXPECT_EQ(lines[2], "  regressed      E  skipped -> failed  status: expected 200, got 404");
  EXPECT_EQ(lines[3], "  fixed          B  failed -> passed");
  EXPECT_EQ(lines[4], "  new            NEW  errored  connection refused");
  EXPECT_EQ(lines[5], "  removed        GONE  failed in the baseline, not in this run");
  EXPECT_EQ(lines[6], "  still failing  C");
}

TEST(BaselineChanges, ConsolePrintsThemBeforeTheTotals) {
  const RunResult r = laterRun();
  std::ostringstream out;
  auto console = makeConsoleReporter(out);
  console->runFinished(r);
  const std::string text = out.str();
  const auto at = text.find("Changes since baseline old/report.json");
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_LT(at, text.find("result sha256:"));
  EXPECT_NE(text.find("  regressed      A  passed -> failed"), std::string::npos);
}

TEST(BaselineChanges, JsonMarksEveryCaseAndReadsTheBaselineBack) {
  const RunResult r = laterRun();
  const std::string json = canonicalJson(r);
  const auto doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["cases"][0]["change"], "regressed");
  EXPECT_EQ(doc["cases"][0]["baseline_verdict"], "passed");
  EXPECT_EQ(doc["cases"][2]["change"], "still_failing");
  EXPECT_EQ(doc["cases"][5]["change"], "new");
  EXPECT_EQ(doc["cases"][5]["baseline_verdict"], "");
  EXPECT_EQ(doc["run"]["baseline"]["changes"]["regressed"], 2);
  EXPECT_EQ(doc["run"]["baseline"]["changes"]["removed"], 1);
  EXPECT_EQ(doc["run"]["baseline"]["removed"][0]["id"], "GONE");
  EXPECT_EQ(doc["run"]["baseline"]["result_sha256"], "ab12");
  const RunResult back = runResultFromJson(json);
  ASSERT_TRUE(back.info.baseline);
  EXPECT_EQ(back.info.baseline->file, "old/report.json");
  EXPECT_EQ(back.info.baseline->verdicts, r.info.baseline->verdicts);
  EXPECT_EQ(canonicalJson(back), json) << "derived fields are recomputed the same";
}

TEST(BaselineChanges, WithoutABaselineTheJsonSaysSo) {
  const auto doc = nlohmann::json::parse(canonicalJson(testing::sampleRun()));
  EXPECT_TRUE(doc["run"]["baseline"].is_null());
  EXPECT_EQ(doc["cases"][0]["change"], "");
}

TEST(BaselineChanges, HtmlSectionComesFirstWithEveryChange) {
  const std::string html = renderHtmlReport(laterRun());
  const auto section = html.find("<section id=\"changes\">");
  ASSERT_NE(section, std::string::npos);
  EXPECT_LT(section, html.find("<section id=\"summary\">"));
  EXPECT_NE(html.find("<tr class=\"chg-regressed\"><td>regressed</td><td><a href=\"#case-A\"><code>A</code></a></td>"
                      "<td><span class=\"v v-passed\">passed</span></td><td><span class=\"v v-failed\">failed</span></td>"),
            std::string::npos)
      << html.substr(section, 2000);
  EXPECT_NE(html.find("<tr class=\"chg-removed\"><td>removed</td><td><code>GONE</code></td>"), std::string::npos);
  EXPECT_NE(html.find("<em>not in baseline</em>"), std::string::npos);
  EXPECT_NE(html.find("Still failing: <a href=\"#case-C\">"), std::string::npos);
  EXPECT_EQ(renderHtmlReport(testing::sampleRun()).find("id=\"changes\""), std::string::npos);
}

}  // namespace
}  // namespace gpc::reporters
