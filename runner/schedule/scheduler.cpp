#include "runner/schedule/scheduler.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

namespace gpc::schedule {

namespace {

CaseResult runGuarded(const CaseInfo& info, std::size_t index, const CaseRunner& runner) {
  const auto start = std::chrono::steady_clock::now();
  auto elapsedMs = [&] {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  try {
    CaseResult result = runner(info, index);
    if (result.info.id.empty()) result.info = info;
    if (result.durationMs == 0) result.durationMs = elapsedMs();
    return result;
  } catch (const std::exception& e) {
    CaseResult result;
    result.info = info;
    result.verdict = Verdict::Errored;
    result.reason = std::string("internal error while running the case: ") + e.what();
    result.durationMs = elapsedMs();
    return result;
  } catch (...) {
    CaseResult result;
    result.info = info;
    result.verdict = Verdict::Errored;
    result.reason = "internal error while running the case (unknown exception)";
    result.durationMs = elapsedMs();
    return result;
  }
}

bool failing(const CaseResult& r) { return r.verdict == Verdict::Failed || r.verdict == Verdict::Errored; }

CaseAttempt asAttempt(CaseResult&& r) {
  return {r.verdict, std::move(r.reason), std::move(r.checks), std::move(r.exchanges), r.durationMs};
}

CaseResult runWithRetries(const CaseInfo& info, std::size_t index, const CaseRunner& runner, int retries,
                          const std::function<bool()>& stopped) {
  CaseResult result = runGuarded(info, index, runner);
  std::vector<CaseAttempt> earlier;
  while (failing(result) && static_cast<int>(earlier.size()) < retries && !stopped()) {
    earlier.push_back(asAttempt(std::move(result)));
    result = runGuarded(info, index, runner);
  }
  if (earlier.empty()) return result;
  if (result.verdict == Verdict::Skipped) {
    // Skipped on a retry says nothing about the failure before: the last failing attempt stands.
    CaseAttempt last = std::move(earlier.back());
    earlier.pop_back();
    result.verdict = last.verdict;
    result.reason = std::move(last.reason);
    result.checks = std::move(last.checks);
    result.exchanges = std::move(last.exchanges);
    result.durationMs = last.durationMs;
  } else if (result.verdict == Verdict::Passed) {
    result.verdict = Verdict::Flaky;
    const std::size_t attempts = earlier.size() + 1;
    result.reason = fmt::format("passed on attempt {}; attempt 1 {}: {}", attempts, toString(earlier.front().verdict),
                                earlier.front().reason);
  }
  result.retried = std::move(earlier);
  return result;
}

}  // namespace

std::vector<CaseResult> runCases(const std::vector<CaseInfo>& cases, const CaseRunner& runner,
                                 const ScheduleOptions& options,
                                 const std::function<void(const CaseResult&)>& onFinished) {
  std::vector<std::optional<CaseResult>> slots(cases.size());
  std::atomic<std::size_t> next{0};
  std::mutex reportMutex;

  int failures = 0;
  const std::function<bool()> stopped = [&] { return options.stop && options.stop->requested(); };
  auto worker = [&] {
    for (std::size_t i = next.fetch_add(1); i < cases.size() && !stopped(); i = next.fetch_add(1)) {
      CaseResult result = runWithRetries(cases[i], i, runner, options.retries, stopped);
      if (options.settle) options.settle(result);
      std::lock_guard lock(reportMutex);
      if (result.verdict == Verdict::Failed || result.verdict == Verdict::Errored) ++failures;
      if (options.stop && options.maxFailures > 0 && failures >= options.maxFailures)
        options.stop->request(fmt::format("stopped after {} failed or errored case{} (--max-failures {})", failures,
                                          failures == 1 ? "" : "s", options.maxFailures));
      if (onFinished) onFinished(result);
      slots[i] = std::move(result);
    }
  };

  const std::size_t threads =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.jobs)), std::max<std::size_t>(1, cases.size()));
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  }  // jthreads join here

  std::vector<CaseResult> results;
  results.reserve(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i]) {
      results.push_back(std::move(*slots[i]));
      continue;
    }
    CaseResult notRun;  // only when the run was stopped
    notRun.info = cases[i];
    notRun.verdict = Verdict::Skipped;
    notRun.reason = "not run: " + (options.stop ? options.stop->reason() : std::string("run stopped"));
    results.push_back(std::move(notRun));
  }
  return results;
}

ReportedRun runWithReporters(RunInfo info, const std::vector<CaseInfo>& cases, const CaseRunner& runner,
                             const ScheduleOptions& options, const std::vector<Reporter*>& reporters) {
  ReportedRun outcome;
  RunResult& run = outcome.result;
  if (info.startedAt.empty()) info.startedAt = utcTimestampNow();
  info.jobs = std::max(1, options.jobs);
  info.retries = std::max(0, options.retries);
  run.info = std::move(info);
  for (Reporter* r : reporters) r->runStarting(run.info, static_cast<int>(cases.size()));

  const auto start = std::chrono::steady_clock::now();
  run.cases = runCases(cases, runner, options, [&](const CaseResult& result) {
    for (Reporter* r : reporters) r->caseFinished(result);
  });
  run.durationMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  run.finishedAt = utcTimestampNow();
  run.summary = summarise(run.cases);
  if (options.stop && options.stop->requested()) run.stopped = options.stop->reason();
  for (Reporter* r : reporters) {
    try {
      r->runFinished(run);
    } catch (const std::exception& e) {
      outcome.reporterErrors.emplace_back(e.what());
    }
  }
  return outcome;
}

std::string utcTimestampNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

}  // namespace gpc::schedule
