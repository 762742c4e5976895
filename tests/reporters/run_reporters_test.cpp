// makeRunReporters: the four reporters of a run, sharing one rendering of the canonical JSON.

#include <gtest/gtest.h>

#include <sstream>

#include "reporters/canonical_run.h"
#include "reporters/reporters.h"
#include "reporters/run_reporters.h"
#include "reporters/run_json.h"
#include "sample_results.h"
#include "temp_dir.h"

namespace gpc::reporters {
namespace {

using testing::sampleRun;

TEST(CanonicalRun, RendersOnceForTheSameRun) {
  CanonicalRun canonical;
  const RunResult r = sampleRun();
  const CanonicalText& first = canonical.of(r);
  EXPECT_EQ(first.json, canonicalJson(r));
  EXPECT_EQ(first.digest, resultDigest(r));
  // Same object back: not rendered again.
  EXPECT_EQ(&canonical.of(r), &first);
  EXPECT_EQ(canonical.of(r).json.data(), first.json.data());
}

TEST(CanonicalRun, AnotherResultIsRenderedAfresh) {
  CanonicalRun canonical;
  RunResult r = sampleRun();
  const std::string before = canonical.of(r).digest;
  RunResult other = sampleRun();
  other.cases.pop_back();
  other.summary = summarise(other.cases);
  EXPECT_EQ(canonical.of(other).digest, resultDigest(other));
  EXPECT_NE(canonical.of(other).digest, before);
  // The same object with its verdicts changed (summary recomputed, as the scheduler does).
  r.cases[0].verdict = Verdict::Failed;
  r.summary = summarise(r.cases);
  EXPECT_EQ(canonical.of(r).digest, resultDigest(r));
  EXPECT_NE(canonical.of(r).digest, before);
}

TEST(RunReporters, WriteEveryReportWithOneDigest) {
  TempDir dir;
  std::ostringstream console;
  const ReporterRegistry registry = standardReporters();
  const auto plan = planReports(registry, std::nullopt, {dir.path(), {}});
  const auto reporters = makeRunReporters(console, ConsoleOptions{}, plan);
  ASSERT_EQ(reporters.size(), 4u);
  const RunResult r = sampleRun();
  for (const auto& reporter : reporters) reporter->runStarting(r.info, r.summary.total);
  for (const auto& c : r.cases)
    for (const auto& reporter : reporters) reporter->caseFinished(c);
  for (const auto& reporter : reporters) reporter->runFinished(r);

  const std::string digest = resultDigest(r);
  EXPECT_EQ(readFile(dir.path() / "report.json.sha256"), digest + "  report.json\n");
  const auto json = dir.path() / "report.json";
  EXPECT_EQ(readFile(json), canonicalJson(r));
  EXPECT_NE(readFile(dir.path() / "report.html").find("<meta name=\"gpc-assure-result-sha256\" content=\"" + digest + "\">"),
            std::string::npos);
  EXPECT_NE(console.str().find("\nresult sha256: " + digest + "\n"), std::string::npos) << console.str();
  EXPECT_NE(readFile(dir.path() / "junit.xml").find("<testsuites>"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "report.html.sha256"));
}

TEST(RunReporters, ShowTheSeed) {
  TempDir dir;
  std::ostringstream console;
  const ReporterRegistry registry = standardReporters();
  const auto reporters = makeRunReporters(console, ConsoleOptions{}, planReports(registry, std::nullopt, {dir.path(), {}}));
  const RunResult r = sampleRun();
  for (const auto& reporter : reporters) reporter->runStarting(r.info, r.summary.total);
  for (const auto& reporter : reporters) reporter->runFinished(r);
  const std::string seed = std::to_string(r.info.seed);
  EXPECT_NE(console.str().find("(seed " + seed + ")"), std::string::npos) << console.str();
  EXPECT_NE(readFile(dir.path() / "report.json").find("\"seed\": " + seed), std::string::npos);
  EXPECT_NE(readFile(dir.path() / "report.html").find("run --seed " + seed), std::string::npos);
}

}  // namespace
}  // namespace gpc::reporters
