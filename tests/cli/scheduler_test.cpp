#include "runner/schedule/scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>

namespace gpc::schedule {
namespace {

std::vector<CaseInfo> makeCases(int n) {
  std::vector<CaseInfo> cases;
  for (int i = 0; i < n; ++i) {
    CaseInfo info;
    info.id = "CASE-" + std::to_string(i);
    info.suiteId = "suite." + std::to_string(i / 5);
    cases.push_back(info);
  }
  return cases;
}

// Later cases finish first (shorter sleeps), so completion order differs from case order.
CaseResult slowThenFast(const CaseInfo& info, std::size_t index, std::size_t total) {
  std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(total - index)));
  CaseResult r;
  r.info = info;
  r.verdict = index % 3 == 0 ? Verdict::Failed : Verdict::Passed;
  r.reason = index % 3 == 0 ? "status 500, expected 200" : "";
  r.durationMs = 1;  // fixed so whole results compare equal
  return r;
}

// Records completion order and catches concurrent calls.
class RecordingReporter : public Reporter {
 public:
  void runStarting(const RunInfo&, int selected) override { announced = selected; }
  void caseFinished(const CaseResult& result) override {
    if (inside.exchange(true)) concurrent = true;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    order.push_back(result.info.id);
    inside = false;
  }
  void runFinished(const RunResult& result) override { finished = result.cases.size(); }
  int announced = -1;
  std::size_t finished = 0;
  std::vector<std::string> order;
  std::atomic<bool> inside{false};
  bool concurrent = false;
};

class FailingReporter : public Reporter {
 public:
  void runFinished(const RunResult&) override { throw std::runtime_error("cannot write JUnit report 'x': full"); }
};

std::vector<std::string> ids(const std::vector<CaseResult>& results) {
  std::vector<std::string> out;
  for (const auto& r : results) out.push_back(r.info.id + ":" + toString(r.verdict) + ":" + r.reason);
  return out;
}

TEST(Scheduler, FourJobsGiveTheSameResultsInTheSameOrderAsOne) {
  const auto cases = makeCases(20);
  const CaseRunner runner = [&](const CaseInfo& info, std::size_t i) { return slowThenFast(info, i, cases.size()); };
  const auto one = runCases(cases, runner, {1}, {});
  const auto four = runCases(cases, runner, {4}, {});
  ASSERT_EQ(one.size(), 20u);
  EXPECT_EQ(ids(one), ids(four));
  EXPECT_EQ(one.front().info.id, "CASE-0");
  EXPECT_EQ(four.back().info.id, "CASE-19");
}

TEST(Scheduler, RunsCasesConcurrentlyWithJobs) {
  const auto cases = makeCases(8);
  std::atomic<int> running{0}, peak{0};
  const CaseRunner runner = [&](const CaseInfo& info, std::size_t) {
    const int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --running;
    CaseResult r;
    r.info = info;
    r.verdict = Verdict::Passed;
    return r;
  };
  runCases(cases, runner, {4}, {});
  EXPECT_GT(peak.load(), 1);
  EXPECT_LE(peak.load(), 4);
  peak = 0;
  runCases(cases, runner, {1}, {});
  EXPECT_EQ(peak.load(), 1);
}

TEST(Scheduler, ReporterCallsAreSerialisedAndRunResultIsInCaseOrder) {
  const auto cases = makeCases(12);
  const CaseRunner runner = [&](const CaseInfo& info, std::size_t i) { return slowThenFast(info, i, cases.size()); };
  RecordingReporter reporter;
  const auto run = runWithReporters({}, cases, runner, {4}, {&reporter});
  EXPECT_FALSE(reporter.concurrent);
  EXPECT_EQ(reporter.announced, 12);
  EXPECT_EQ(reporter.order.size(), 12u);
  EXPECT_EQ(reporter.finished, 12u);
  EXPECT_NE(reporter.order.front(), "CASE-0") << "events come in completion order";
  for (std::size_t i = 0; i < run.result.cases.size(); ++i)
    EXPECT_EQ(run.result.cases[i].info.id, "CASE-" + std::to_string(i));
  EXPECT_EQ(run.result.summary.total, 12);
  EXPECT_EQ(run.result.summary.failed, 4);
  EXPECT_EQ(run.result.summary.passed, 8);
  EXPECT_EQ(run.result.info.jobs, 4);
  EXPECT_FALSE(run.result.info.startedAt.empty());
  EXPECT_FALSE(run.result.finishedAt.empty());
}

TEST(Scheduler, AThrowingCaseBecomesAnErroredResult) {
  const auto cases = makeCases(3);
  const CaseRunner runner = [](const CaseInfo& info, std::size_t i) -> CaseResult {
    if (i == 1) throw std::runtime_error("fixture missing");
    CaseResult r;
    r.info = info;
    r.verdict = Verdict::Passed;
    return r;
  };
  const auto results = runCases(cases, runner, {2}, {});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].verdict, Verdict::Errored);
  EXPECT_EQ(results[1].info.id, "CASE-1");
  EXPECT_NE(results[1].reason.find("fixture missing"), std::string::npos);
  EXPECT_EQ(results[2].verdict, Verdict::Passed);
}

// Waivers go through `settle`: a failure must be retried before it is waived (a waiver is for a
// case that fails every time), and a case is settled once, not once per attempt.
TEST(Scheduler, SettleSeesOnlyTheFinalResultAfterRetries) {
  const auto cases = makeCases(2);
  std::atomic<int> attempts0{0};
  const CaseRunner runner = [&](const CaseInfo& info, std::size_t i) {
    CaseResult r;
    r.info = info;
    // Case 0 fails once then passes (flaky); case 1 fails every time.
    r.verdict = i == 1 || attempts0++ == 0 ? Verdict::Failed : Verdict::Passed;
    return r;
  };
  std::vector<std::string> settled;
  ScheduleOptions options{1, nullptr, 0, 2, [&](CaseResult& r) {
                            settled.push_back(r.info.id + ":" + toString(r.verdict));
                            if (r.verdict == Verdict::Failed) r.verdict = Verdict::Waived;
                          }};
  const auto results = runCases(cases, runner, options, {});
  EXPECT_EQ(settled, (std::vector<std::string>{"CASE-0:flaky", "CASE-1:failed"}));
  EXPECT_EQ(results[0].verdict, Verdict::Flaky);
  EXPECT_EQ(results[1].verdict, Verdict::Waived);
  EXPECT_EQ(results[1].retried.size(), 2u) << "retried before it was waived";
}

TEST(Scheduler, AReporterThatCannotWriteDoesNotStopTheOthers) {
  const auto cases = makeCases(2);
  const CaseRunner runner = [](const CaseInfo& info, std::size_t) {
    CaseResult r;
    r.info = info;
    r.verdict = Verdict::Passed;
    return r;
  };
  FailingReporter failing;
  RecordingReporter recording;
  const auto run = runWithReporters({}, cases, runner, {1}, {&failing, &recording});
  ASSERT_EQ(run.reporterErrors.size(), 1u);
  EXPECT_NE(run.reporterErrors[0].find("cannot write JUnit report"), std::string::npos);
  EXPECT_EQ(recording.finished, 2u);
}

TEST(Scheduler, UtcTimestampIsIso8601) {
  const std::string t = utcTimestampNow();
  ASSERT_EQ(t.size(), 24u) << t;
  EXPECT_EQ(t[10], 'T');
  EXPECT_EQ(t.back(), 'Z');
}

}  // namespace
}  // namespace gpc::schedule
