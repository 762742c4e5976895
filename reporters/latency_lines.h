#pragma once
// The console's response-time table: per interaction p50/p95/max against the SHALL/SHOULD
// limits, with how many answers broke each, and the run's warning count.

#include <string>
#include <vector>

#include "runner/core/model.h"

namespace gpc::reporters {

// Empty when the run had no answered exchange.
std::vector<std::string> latencyLines(const RunResult& result);

// True when one of the case's checks passed with a warning (over a SHOULD limit).
bool hasWarning(const CaseResult& result);

// One "WARNING kind subject: message" line per check that passed with a warning.
std::string warningText(const CaseResult& result);

}  // namespace gpc::reporters
