#pragma once
// The end-of-run recap of failures: cases that failed or errored for the same reason are
// counted together, so 358 cases failing because one header is missing read as one line,
// not 358 blocks to scroll through.

#include <string>
#include <vector>

#include "runner/core/model.h"

namespace gpc::reporters {

struct FailureGroup {
  std::string reason;                      // the reason without its `step "name": ` prefix
  std::vector<const CaseResult*> cases;    // in run order; the first one is the example
};

// Failed and errored cases grouped by reason, largest group first (ties: first seen first).
std::vector<FailureGroup> groupFailuresByReason(const std::vector<CaseResult>& cases);

// `reason` without the `step "name": ` prefix a multi-step case puts in front of it.
std::string reasonWithoutStep(const std::string& reason);

// The first check that did not pass and whose message is the case's reason (the check that
// decided the verdict), or null when the reason came from elsewhere (a transport error).
const CheckResult* decidingCheck(const CaseResult& result);

// The exchange the deciding check judged (the last one of that step), else the last exchange;
// null when the case sent nothing.
const Exchange* decidingExchange(const CaseResult& result);

// "A, B, C" for at most `shown` ids, then "... (+N more)".
std::string abbreviatedIds(const std::vector<const CaseResult*>& cases, std::size_t shown = 10);

// The recap as plain lines (not yet made terminal-safe), empty when nothing failed:
//   Failures by reason: 3 reasons, 384 cases
//     358 cases  header Cache-Control is missing (expected to contain "no-store")
//         BRS-001, BRS-002-patient1, ... (+348 more)
//         e.g. BRS-001: x header Cache-Control: expected contain "no-store", got (absent)
//              > GET http://...  -> 200 (7 ms)
std::vector<std::string> failureRecapLines(const std::vector<CaseResult>& cases);

// Cases that passed only on a retry, empty when none:
//   Flaky (passed on a retry, failing attempts kept): 2 cases
//     FND-001  passed on attempt 2; attempt 1 failed: status: expected 200, got 503
std::vector<std::string> flakyRecapLines(const std::vector<CaseResult>& cases);

}  // namespace gpc::reporters
