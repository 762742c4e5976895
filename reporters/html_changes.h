#pragma once
// The HTML report's "Changes since baseline" section (run --baseline): the counts, then every
// regressed, fixed, new and removed case, then the cases still failing; empty without a baseline.

#include <string>

#include "runner/core/model.h"

namespace gpc::reporters {

std::string changesHtml(const RunResult& result);

}  // namespace gpc::reporters
