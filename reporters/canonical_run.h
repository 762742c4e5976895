#pragma once
// The canonical JSON of a run and its digest, computed once and shared by the reporters of
// that run: the JSON report writes the text, the HTML report and the console show the digest.
// Rendering the canonical text of a ~800-case run takes a noticeable fraction of a second,
// so three reporters each rendering it would triple that cost at the end of every run.

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "runner/core/model.h"

namespace gpc::reporters {

struct CanonicalText {
  std::string json;    // canonicalJson(result)
  std::string digest;  // sha256 hex of json: the result digest
};

// Computes the canonical text on first use and hands the same text to every later caller for
// the same run. The reporters of one run share one instance (makeRunReporters does that); a
// result that is not the remembered one (another object, or the same object with another
// summary, case count, finish time or duration) is rendered afresh. It is meant for one run:
// a result edited in place without any of those changing would get the remembered text.
class CanonicalRun {
 public:
  // The text for `result`; the reference stays valid until a call with another result.
  const CanonicalText& of(const RunResult& result);

 private:
  struct Identity {
    const RunResult* address = nullptr;
    std::size_t cases = 0;
    int total = 0, passed = 0, failed = 0, errored = 0, skipped = 0;
    std::string finishedAt;
    double durationMs = 0;
    bool operator==(const Identity&) const = default;
  };
  static Identity identify(const RunResult& result);

  std::mutex mutex_;  // reporters are called one at a time, but nothing forbids sharing wider
  Identity identity_;
  std::optional<CanonicalText> text_;
};

using SharedCanonicalRun = std::shared_ptr<CanonicalRun>;

}  // namespace gpc::reporters
