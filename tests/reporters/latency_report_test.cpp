// A latency warning (an answer over its SHOULD limit) is shown in every report, and each report
// carries the per-interaction response times (docs/reports.md, Response times).

#include <gtest/gtest.h>

#include <sstream>

#include "reporters/html_report.h"
#include "reporters/latency_lines.h"
#include "reporters/reporters.h"
#include "sample_results.h"

namespace gpc::reporters {
namespace {

// The sample run with every exchange a command answered in 150 ms (over SHOULD, under SHALL)
// and the first case's latency check carrying the warning.
RunResult slowishRun() {
  RunResult r = testing::sampleRun();
  for (auto& c : r.cases)
    for (auto& x : c.exchanges) {
      x.kind = "command";
      x.response.providerMs = 150;
    }
  CheckResult warned{"latency", "response time (command)", true,
                     "answered in 150.0 ms: over the command SHOULD limit of 100 ms", "< 250 ms (SHALL), < 100 ms (SHOULD)",
                     "150.0 ms", "main"};
  warned.warning = true;
  r.cases[0].checks.push_back(warned);
  return r;
}

TEST(LatencyReport, TheConsoleShowsAPassWithAWarningAndTheTable) {
  const RunResult r = slowishRun();
  std::ostringstream out;
  ConsoleOptions options;
  options.interactive = true;  // passes otherwise only move the progress line
  auto console = makeConsoleReporter(out, options);
  console->runStarting(r.info, static_cast<int>(r.cases.size()));
  for (const auto& c : r.cases) console->caseFinished(c);
  console->runFinished(r);
  const std::string text = out.str();
  EXPECT_NE(text.find("PASS  FND-PAT-READ-001"), std::string::npos) << text;
  EXPECT_NE(text.find("w   latency response time (command): expected < 250 ms (SHALL), < 100 ms (SHOULD), got 150.0 ms"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("interaction"), std::string::npos);
  EXPECT_NE(text.find("1 warning (over SHOULD)"), std::string::npos) << text;
}

TEST(LatencyReport, LinesPerInteraction) {
  const auto lines = latencyLines(slowishRun());
  ASSERT_GE(lines.size(), 3u);
  EXPECT_NE(lines[1].find("command"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("150.0"), std::string::npos) << lines[1];
  EXPECT_TRUE(latencyLines(RunResult{}).empty());
  EXPECT_EQ(warningText(slowishRun().cases[0]),
            "WARNING latency response time (command): answered in 150.0 ms: over the command SHOULD limit of 100 ms\n");
}

TEST(LatencyReport, TheHtmlReportHasTheSectionTheBadgeAndTheWarnRow) {
  const std::string html = renderHtmlReport(slowishRun());
  EXPECT_NE(html.find("<h2>Response times</h2>"), std::string::npos);
  EXPECT_NE(html.find("<strong>1 warning</strong>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"v v-warn\">warning</span>"), std::string::npos);
  EXPECT_NE(html.find("WARNING latency response time (command)"), std::string::npos) << "compact list of a passing case";
  EXPECT_NE(html.find("&lt; 250 / &lt; 100 ms"), std::string::npos);
}

}  // namespace
}  // namespace gpc::reporters
