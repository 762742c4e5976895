#pragma once
// The RunResult as JSON: the JSON report's content, the canonical form the tamper-evidence
// digest is taken over, and the way back (a JSON report read into a RunResult again, e.g.
// to render another format later). Field by field in docs/reports.md#json.

#include <stdexcept>
#include <string>
#include <string_view>

#include "runner/core/model.h"

namespace gpc::reporters {

// Bumped in the major part when a field changes meaning or goes away.
// 1.1: run.seed. 1.2: run.stopped. 1.3: latency budgets (latency[], summary.warnings,
// checks[].warning, exchanges[].kind, response.provider_ms). 1.4: run.shard, run.retries, the
// flaky verdict, cases' retried attempts, summary.flaky. 1.5: the waived verdict, cases[].waiver,
// run.waivers_file, run.waivers, summary.waived, run.baseline, cases' change and
// baseline_verdict, requirements[].
inline constexpr std::string_view kJsonSchemaVersion = "1.5";

// Deterministic text: fixed key order, 2-space indent, trailing newline; strings that are
// not valid UTF-8 have the bad bytes replaced, except bodies and JWT payloads, which are
// then base64 with an `_encoding` flag. Equal RunResults give equal bytes.
std::string canonicalJson(const RunResult& result);

// SHA-256 hex of canonicalJson(result): what the HTML report shows and `<json>.sha256` holds.
std::string resultDigest(const RunResult& result);

class JsonReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a JSON report back. Throws JsonReportError naming the JSON path and the reason
// ("/cases/3/verdict: unknown verdict 'pass'") for anything it does not understand.
RunResult runResultFromJson(std::string_view json);

}  // namespace gpc::reporters
