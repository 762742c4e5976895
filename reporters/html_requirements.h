#pragma once
// The HTML report's requirement matrix: every requirement the run's cases cite, its verdict
// and the cases verifying it (reporters/requirement_matrix.h). Collapsed: it is a reference
// table, not what a reviewer reads first.

#include <string>

#include "runner/core/model.h"

namespace gpc::reporters {

std::string requirementsHtml(const RunResult& result);

}  // namespace gpc::reporters
