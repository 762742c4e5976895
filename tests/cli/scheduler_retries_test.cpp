// --retries: a failed or errored case runs again; passing then makes it flaky with the failing
// attempts kept, failing every time keeps its verdict, and a passing case never runs twice.
#include "runner/schedule/scheduler.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

namespace gpc::schedule {
namespace {

CaseInfo info(const std::string& id) {
  CaseInfo i;
  i.id = id;
  return i;
}

// Each case's verdicts in order of its attempts; the last one repeats.
class ScriptedCases {
 public:
  explicit ScriptedCases(std::map<std::string, std::vector<Verdict>> script) : script_(std::move(script)) {}
  CaseResult operator()(const CaseInfo& c, std::size_t) {
    std::lock_guard lock(mutex_);
    const int attempt = runs_[c.id]++;
    const auto& verdicts = script_.at(c.id);
    CaseResult r;
    r.info = c;
    r.verdict = verdicts[std::min<std::size_t>(static_cast<std::size_t>(attempt), verdicts.size() - 1)];
    r.reason = r.verdict == Verdict::Passed ? "" : "attempt " + std::to_string(attempt + 1) + " " + toString(r.verdict);
    Exchange e;
    e.request.url = "http://provider/" + c.id + "/" + std::to_string(attempt + 1);
    r.exchanges.push_back(e);
    r.durationMs = 1;
    return r;
  }
  int runs(const std::string& id) {
    std::lock_guard lock(mutex_);
    return runs_[id];
  }

 private:
  std::map<std::string, std::vector<Verdict>> script_;
  std::map<std::string, int> runs_;
  std::mutex mutex_;
};

std::vector<CaseResult> run(ScriptedCases& script, const std::vector<CaseInfo>& cases, int retries, int jobs = 1) {
  ScheduleOptions options;
  options.jobs = jobs;
  options.retries = retries;
  return runCases(cases, [&](const CaseInfo& c, std::size_t i) { return script(c, i); }, options, {});
}

TEST(Retries, PassingOnARetryIsFlakyWithTheFailingAttemptsKept) {
  ScriptedCases script({{"A", {Verdict::Failed, Verdict::Errored, Verdict::Passed}}});
  const auto results = run(script, {info("A")}, 3);
  ASSERT_EQ(results.size(), 1u);
  const CaseResult& a = results[0];
  EXPECT_EQ(a.verdict, Verdict::Flaky);
  EXPECT_EQ(script.runs("A"), 3);
  ASSERT_EQ(a.retried.size(), 2u);
  EXPECT_EQ(a.retried[0].verdict, Verdict::Failed);
  EXPECT_EQ(a.retried[0].reason, "attempt 1 failed");
  EXPECT_EQ(a.retried[0].exchanges.at(0).request.url, "http://provider/A/1");
  EXPECT_EQ(a.retried[1].verdict, Verdict::Errored);
  EXPECT_EQ(a.exchanges.at(0).request.url, "http://provider/A/3");
  EXPECT_EQ(a.reason, "passed on attempt 3; attempt 1 failed: attempt 1 failed");
  EXPECT_EQ(summarise(results).flaky, 1);
  EXPECT_EQ(summarise(results).passed, 0);
}

TEST(Retries, FailingEveryTimeKeepsTheVerdictAndAllAttempts) {
  ScriptedCases script({{"A", {Verdict::Failed}}});
  const auto results = run(script, {info("A")}, 2);
  EXPECT_EQ(results[0].verdict, Verdict::Failed);
  EXPECT_EQ(script.runs("A"), 3);
  EXPECT_EQ(results[0].retried.size(), 2u);
  EXPECT_EQ(results[0].reason, "attempt 3 failed");
}

TEST(Retries, PassedAndSkippedCasesRunOnceAndNoRetriesMeansOnce) {
  ScriptedCases script({{"P", {Verdict::Passed}}, {"S", {Verdict::Skipped}}, {"F", {Verdict::Failed, Verdict::Passed}}});
  const auto results = run(script, {info("P"), info("S"), info("F")}, 0);
  EXPECT_EQ(script.runs("P"), 1);
  EXPECT_EQ(script.runs("S"), 1);
  EXPECT_EQ(script.runs("F"), 1);
  EXPECT_EQ(results[2].verdict, Verdict::Failed);
  EXPECT_TRUE(results[2].retried.empty());
  ScriptedCases again({{"P", {Verdict::Passed}}});
  run(again, {info("P")}, 5, 4);
  EXPECT_EQ(again.runs("P"), 1);
}

// A skip on a retry says nothing about the failure before it: the failure stands.
TEST(Retries, ASkipOnARetryLeavesTheFailure) {
  ScriptedCases script({{"A", {Verdict::Failed, Verdict::Skipped}}});
  const auto results = run(script, {info("A")}, 1);
  EXPECT_EQ(results[0].verdict, Verdict::Failed);
  EXPECT_EQ(results[0].reason, "attempt 1 failed");
  EXPECT_TRUE(results[0].retried.empty());
}

TEST(Retries, MaxFailuresCountsOnlyFinalVerdicts) {
  ScriptedCases script({{"A", {Verdict::Failed, Verdict::Passed}}, {"B", {Verdict::Failed, Verdict::Passed}},
                        {"C", {Verdict::Passed}}});
  StopControl stop;
  ScheduleOptions options;
  options.stop = &stop;
  options.maxFailures = 1;
  options.retries = 1;
  const auto results = runCases({info("A"), info("B"), info("C")},
                                [&](const CaseInfo& c, std::size_t i) { return script(c, i); }, options, {});
  EXPECT_FALSE(stop.requested());
  EXPECT_EQ(results[2].verdict, Verdict::Passed);
}

}  // namespace
}  // namespace gpc::schedule
