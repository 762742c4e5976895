#include "reporters/canonical_run.h"

#include "reporters/digest.h"
#include "reporters/run_json.h"

namespace gpc::reporters {

CanonicalRun::Identity CanonicalRun::identify(const RunResult& result) {
  const RunSummary& s = result.summary;
  return Identity{&result, result.cases.size(), s.total, s.passed, s.failed, s.errored, s.skipped,
                  result.finishedAt, result.durationMs};
}

const CanonicalText& CanonicalRun::of(const RunResult& result) {
  const std::lock_guard lock(mutex_);
  Identity identity = identify(result);
  if (!text_ || !(identity == identity_)) {
    std::string json = canonicalJson(result);
    std::string digest = sha256Hex(json);
    text_ = CanonicalText{std::move(json), std::move(digest)};
    identity_ = std::move(identity);
  }
  return *text_;
}

}  // namespace gpc::reporters
