// The reporter registry and `run --report NAME[=PATH],...` planned against it.

#include <gtest/gtest.h>

#include <sstream>

#include "reporters/report_plan.h"
#include "reporters/reporter_registry.h"
#include "reporters/run_reporters.h"
#include "sample_results.h"
#include "temp_dir.h"

namespace gpc::reporters {
namespace {

namespace fs = std::filesystem;

// "junit@out/junit.xml,..." for comparing whole plans in one line.
std::string describe(const std::vector<PlannedReport>& plan) {
  std::string out;
  for (const auto& p : plan) out += (out.empty() ? "" : ",") + p.reporter->name + "@" + p.path.generic_string();
  return out;
}

std::string planned(std::optional<std::string_view> spec, ReportLocations locations = {"out", {}}) {
  const ReporterRegistry registry = standardReporters();
  return describe(planReports(registry, spec, locations));
}

std::string planError(std::string_view spec) {
  try {
    planned(spec);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(ReporterRegistry, KnowsTheStandardReportsInOrder) {
  const ReporterRegistry registry = standardReporters();
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"junit", "junit-strict", "json", "html"}));
  EXPECT_EQ(registry.files(), (std::vector<std::string>{"junit", "json", "html"}));
  EXPECT_EQ(registry.at("json").filesWritten("r/report.json"),
            (std::vector<fs::path>{"r/report.json", "r/report.json.sha256"}));
  EXPECT_EQ(registry.at("junit").filesWritten("j.xml"), (std::vector<fs::path>{"j.xml"}));
}

TEST(ReporterRegistry, RefusesANameTwice) {
  ReporterRegistry registry = standardReporters();
  EXPECT_THROW(registry.add({.name = "json", .file = "other"}), std::logic_error);
}

TEST(ReportPlan, WithoutASpecWritesTheDefaultReportsInOut) {
  EXPECT_EQ(planned(std::nullopt), "junit@out/junit.xml,json@out/report.json,html@out/report.html");
}

TEST(ReportPlan, GivesEachNamedReportItsPathAndKeepsRegistryOrder) {
  EXPECT_EQ(planned("html,json=ci/run.json"), "json@ci/run.json,html@out/report.html");
  EXPECT_EQ(planned("junit-strict=a/b.xml"), "junit-strict@a/b.xml");
  // A path may itself hold '=': only the first one separates the name.
  EXPECT_EQ(planned("json=a=b.json"), "json@a=b.json");
}

TEST(ReportPlan, FileOptionsMoveAReportAndTheSpecPathWins) {
  const ReportLocations locations{"out", {{"junit", "ci/junit.xml"}, {"json", "ci/r.json"}}};
  EXPECT_EQ(planned("junit-strict,json=x.json", locations), "junit-strict@ci/junit.xml,json@x.json");
}

TEST(ReportPlan, AnUnknownNameListsTheKnownOnes) {
  const ReporterRegistry registry = standardReporters();
  try {
    planReports(registry, "junit,jsno", {"out", {}});
    FAIL() << "no error";
  } catch (const UnknownReporterError& e) {
    EXPECT_EQ(e.name(), "jsno");
    EXPECT_EQ(e.known(), registry.names());
    EXPECT_STREQ(e.what(), "unknown report 'jsno' (known: junit, junit-strict, json, html)");
  }
}

TEST(ReportPlan, RefusesWhatWouldLoseAReport) {
  EXPECT_EQ(planError("junit,junit-strict"), "'junit' and 'junit-strict' are two shapes of one file; choose one");
  EXPECT_EQ(planError("json,json"), "'json' is named twice");
  EXPECT_EQ(planError("json=a.out,html=a.out"), "'json' and 'html' would both write a.out");
  EXPECT_EQ(planError("junit,"), "an empty report name");
  EXPECT_EQ(planError("=x"), "an empty report name");
  EXPECT_EQ(planError("json="), "'json=' names no file");
}

TEST(ReportPlan, TheManifestGoesBesideTheJsonReportWrittenOrNot) {
  const ReporterRegistry registry = standardReporters();
  const ReportLocations plain{"out", {}};
  EXPECT_EQ(manifestDirectory(registry, planReports(registry, std::nullopt, plain), plain), fs::path("out"));
  EXPECT_EQ(manifestDirectory(registry, planReports(registry, "json=signed/r.json", plain), plain),
            fs::path("signed"));
  const ReportLocations moved{"out", {{"json", "elsewhere/r.json"}}};
  EXPECT_EQ(manifestDirectory(registry, planReports(registry, "html", moved), moved), fs::path("elsewhere"));
  const ReportLocations here{"", {}};
  EXPECT_EQ(manifestDirectory(registry, planReports(registry, "junit", here), here), fs::path("."));
}

// The seam other reports plug into: a reporter registered alongside the standard ones is
// planned, made with its path and listed in the manifest like them.
class LineReporter final : public Reporter {
 public:
  explicit LineReporter(fs::path path) : path_(std::move(path)) {}
  void runFinished(const RunResult& result) override {
    std::ofstream(path_) << result.cases.size() << " cases\n";
  }

 private:
  fs::path path_;
};

TEST(ReportPlan, AReporterAddedToTheRegistryIsPlannedAndRun) {
  TempDir dir;
  ReporterRegistry registry = standardReporters();
  registry.add({.name = "lines",
                .summary = "one line",
                .file = "lines",
                .defaultFileName = "lines.txt",
                .make = [](const fs::path& path, const ReportSettings&) { return std::make_unique<LineReporter>(path); }});
  const auto plan = planReports(registry, "lines,json", {dir.path(), {}});
  ASSERT_EQ(describe(plan), "json@" + (dir.path() / "report.json").generic_string() + ",lines@" +
                                (dir.path() / "lines.txt").generic_string());
  std::ostringstream console;
  const auto reporters = makeRunReporters(console, ConsoleOptions{}, plan);
  ASSERT_EQ(reporters.size(), 3u);  // console, json, lines
  const RunResult r = testing::sampleRun();
  for (const auto& reporter : reporters) reporter->runFinished(r);
  EXPECT_EQ(readFile(dir.path() / "lines.txt"), std::to_string(r.cases.size()) + " cases\n");
  EXPECT_TRUE(fs::exists(dir.path() / "report.json"));
  EXPECT_FALSE(fs::exists(dir.path() / "report.html"));
}

}  // namespace
}  // namespace gpc::reporters
