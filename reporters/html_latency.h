#pragma once
// The HTML report's "Response times" section: per interaction p50/p95/max against the GP
// Connect SHALL/SHOULD limits, and how many answers broke each. Returned escaped, ready to insert.

#include <string>

#include "runner/core/model.h"

namespace gpc::reporters {

std::string latencySectionHtml(const RunResult& result);

}  // namespace gpc::reporters
