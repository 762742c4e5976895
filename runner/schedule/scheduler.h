#pragma once
// Runs the selected cases on --jobs worker threads. Each case runs wholly on one thread, so
// its steps stay in order; the result list is in selection order whatever the thread count,
// which is what makes reports identical for --jobs 1 and --jobs N.

#include <functional>
#include <string>
#include <vector>

#include "reporters/reporter.h"
#include "runner/core/model.h"
#include "runner/schedule/stop_control.h"

namespace gpc::schedule {

// Runs one case. May throw: the scheduler turns an exception into an errored result.
using CaseRunner = std::function<CaseResult(const CaseInfo& info, std::size_t index)>;

struct ScheduleOptions {
  int jobs = 1;  // values below 1 mean 1
  // Optional: when it is requested no further case starts; cases not started are Skipped with
  // "not run: <reason>".
  StopControl* stop = nullptr;
  // 0: no limit. Otherwise the run stops (through `stop`, which must then be set) once this
  // many cases have failed or errored.
  int maxFailures = 0;
  // `--retries N`: a case that fails or errors is run again, up to N more times, on the same
  // thread straight away. Passing on a retry makes it Flaky (never Passed), the failing attempts
  // kept in CaseResult::retried; failing every time keeps the last verdict, the earlier attempts
  // kept too. --max-failures counts only the final verdicts.
  int retries = 0;
  // Optional: applied to each case's final result (after its retries), before it counts for
  // --max-failures and before any reporter sees it. Waivers: a waived failure is not retried
  // away, and a case that failed every attempt is waived once.
  std::function<void(CaseResult&)> settle = nullptr;
};

// Runs every case, returns results in the order of `cases`. `onFinished` is called once per
// case in completion order, never concurrently (it may be empty).
std::vector<CaseResult> runCases(const std::vector<CaseInfo>& cases, const CaseRunner& runner,
                                 const ScheduleOptions& options,
                                 const std::function<void(const CaseResult&)>& onFinished);

struct ReportedRun {
  RunResult result;  // result.stopped says why it ended early, if it did
  // One message per reporter whose runFinished threw (e.g. a report file that could not be
  // written): the other reporters still ran.
  std::vector<std::string> reporterErrors;
};

// The whole run for reporters: runStarting, caseFinished per case (serialised), runFinished
// with the RunResult in case order. `info.startedAt` is filled in when empty.
ReportedRun runWithReporters(RunInfo info, const std::vector<CaseInfo>& cases, const CaseRunner& runner,
                             const ScheduleOptions& options, const std::vector<Reporter*>& reporters);

// ISO 8601 UTC with milliseconds, e.g. "2024-05-01T10:20:30.123Z".
std::string utcTimestampNow();

}  // namespace gpc::schedule
