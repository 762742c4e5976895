#include "runner/core/model.h"

namespace gpc {

RunSummary summarise(const std::vector<CaseResult>& cases) {
  RunSummary s;
  s.total = static_cast<int>(cases.size());
  for (const auto& c : cases) {
    switch (c.verdict) {
      case Verdict::Passed: ++s.passed; break;
      case Verdict::Failed: ++s.failed; break;
      case Verdict::Errored: ++s.errored; break;
      case Verdict::Skipped: ++s.skipped; break;
      case Verdict::Flaky: ++s.flaky; break;
      case Verdict::Waived: ++s.waived; break;
    }
  }
  return s;
}

}  // namespace gpc
