#pragma once
// The console text a whole run gives: every event a real run sends, in order.

#include <sstream>
#include <string>

#include "reporters/reporters.h"

namespace gpc::reporters::testing {

inline std::string runConsole(const RunResult& r, ConsoleOptions options = {}) {
  std::ostringstream out;
  auto reporter = makeConsoleReporter(out, options);
  reporter->runStarting(r.info, static_cast<int>(r.cases.size()));
  for (const auto& c : r.cases) reporter->caseFinished(c);
  reporter->runFinished(r);
  return out.str();
}

}  // namespace gpc::reporters::testing
