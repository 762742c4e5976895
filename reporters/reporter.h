#pragma once
// Results reach output as a stream of events (after GoogleTest's TestEventListener and
// Catch2's reporters): one reporter per file, each over this one interface.

#include "runner/core/model.h"

namespace gpc {

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void runStarting(const RunInfo& /*info*/, int /*selectedCases*/) {}
  // Called once per case as it finishes; with --jobs > 1 the order is completion order,
  // and calls are serialised by the runner (never concurrent).
  virtual void caseFinished(const CaseResult& /*result*/) {}
  // The whole run in suite/case order: file reporters write here, so their content
  // does not depend on --jobs.
  virtual void runFinished(const RunResult& result) = 0;
};

}  // namespace gpc
