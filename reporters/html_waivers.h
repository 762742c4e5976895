#pragma once
// The HTML report's Waivers section (run --waivers): every waiver of the file, whether it is
// in force on the run's day, and the cases it waived; empty when the run had no waiver file.

#include <string>

#include "runner/core/model.h"

namespace gpc::reporters {

std::string waiversHtml(const RunResult& result);

}  // namespace gpc::reporters
