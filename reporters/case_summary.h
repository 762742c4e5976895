#pragma once
// Text views of results shared by the console and JUnit reporters, and the per-capability
// counts shared by the console and HTML reporters.

#include <cstddef>
#include <map>
#include <string>

#include "runner/core/model.h"

namespace gpc::reporters {

// Adds one case of verdict `v` to `s` (total included).
void tally(RunSummary& s, Verdict v);

// Counts per capability, in capability name order.
std::map<std::string, RunSummary> summaryByCapability(const std::vector<CaseResult>& cases);

// "3 passed, 1 failed, 0 errored, 0 skipped" — the form CI tooling greps for; ", 2 flaky" and
// ", 1 waived" are added only when some case was (run --retries, run --waivers).
std::string countsLine(const RunSummary& s);

// Plain-text evidence of a case for a reader without the HTML report: reason, requirement,
// each check (failing ones first, with expected/actual), each exchange's request line and status
// and the first `bodyBytes` of each response body. Not escaped: callers escape for their format.
std::string evidenceSummary(const CaseResult& result, std::size_t bodyBytes = 1024);

// "pass", "FAIL", or "ERROR" for a check that could not be carried out.
const char* checkLabel(const CheckResult& check);

// One check as "status: expected 200, got 404 - message"; without the message when
// `withMessage` is false (the message is shown elsewhere, e.g. as the case's reason).
std::string describeCheck(const CheckResult& check, bool withMessage = true);

// An earlier attempt of `result` (CaseResult::retried) as a result of its own, for the views
// that show one.
CaseResult attemptResult(const CaseResult& result, const CaseAttempt& attempt);

// One line per exchange, "GET URL -> 200, 12 ms" (or "-> no response: REASON").
std::string exchangeSummary(const CaseResult& result);

// One exchange as "> GET URL  -> 200 (7 ms)", or "-> no response: REASON".
std::string exchangeLine(const Exchange& exchange);

}  // namespace gpc::reporters
