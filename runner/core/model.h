#pragma once
// The plain values handed from stage to stage (see docs/architecture.md):
// a Case becomes HttpRequests, each answered by an HttpResponse; the pair is an Exchange
// (evidence), the checks over it give CheckResults, and those make a CaseResult.
// Nothing here knows about HTTP libraries, files or output formats.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gpc {

// Header lists keep order, case and duplicates exactly as sent or received:
// the harness must be able to send a duplicated or oddly-cased header and to see one.
struct Header {
  std::string name;
  std::string value;
};
using Headers = std::vector<Header>;

// A per-request change to the client side of TLS (suite `request.tls`), e.g. to show that the
// provider refuses a handshake without a client certificate. Paths are absolute.
struct TlsOverride {
  bool none = false;  // send no client certificate at all
  std::string clientCert, clientKey;  // PEM files replacing the target's
  std::string identity;    // the target's tls.identities name the files came from (evidence only)
  std::string maxVersion;  // "1.0".."1.3": the highest TLS version offered; empty: the library's
  std::string ciphers;     // OpenSSL cipher list offered (TLS <= 1.2 suites; caps the version at 1.2)
};

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string url;     // absolute URL as sent
  Headers headers;
  std::string body;
  std::optional<TlsOverride> tls;  // absent: the target's TLS settings
};

struct HttpResponse {
  long status = 0;            // 0 when no HTTP response was received
  std::string httpVersion;    // "1.1", "2"
  Headers headers;
  std::string body;           // decoded (gzip undone) body, capped at the response limit
  bool bodyTruncated = false; // the provider sent more than the cap
  std::string contentEncoding;  // as received, e.g. "gzip" (body above is already decoded)
  double elapsedMs = 0;        // the whole exchange, connection set-up included
  // The provider's time: from the request starting to go out on an established connection to
  // the last byte of the response. DNS, TCP and TLS set-up are left out: they are the
  // network's and the client's cost (a fresh TLS handshake per request is the harness's choice
  // for TLS probes), not the interaction's. This is what the latency budgets judge.
  double providerMs = 0;
  std::string transportError;  // non-empty when the exchange failed below HTTP (TLS, timeout, reset)
  // The client could not even attempt the exchange (unreadable client certificate, a cipher list
  // or TLS option the library refuses): a fault of the run's setup, never evidence about the
  // provider, so no expectation may pass on it.
  bool clientFailure = false;
};

// One request/response pair: the evidence a reviewer reads.
struct Exchange {
  std::string step;  // the case step that produced it ("main", or a capture step's name)
  std::string interaction;  // interaction name from the interactions table
  HttpRequest request;
  HttpResponse response;
  std::string jwtPayload;  // decoded JWT claims sent, for evidence (empty when none)
  std::string kind;  // "query" or "command": the latency budget the response is judged by
};

// The outcome of one expectation against one response.
struct CheckResult {
  std::string kind;      // "status", "header", "operation_outcome", "fhirpath", "profile", ...
  std::string subject;   // what was checked: header name, FHIRPath expression, element path
  bool passed = false;
  std::string message;   // why it failed, or what it confirmed
  std::string expected;
  std::string actual;
  std::string step;      // which step's response
  bool errored = false;  // the check could not be carried out (e.g. no FHIR engine): never a pass
  bool warning = false;  // passed, but over a SHOULD limit (e.g. latency): shown, never a failure
};

// Flaky: failed or errored, then passed when `run --retries N` ran it again. Never a pass: the
// failing attempts are kept (CaseResult::retried) and `--fail-on-flaky` makes the run fail.
// Waived: the case failed or errored (on its last attempt), and a waiver the run was given
// accepts that failure for now (CaseResult::waiver says which and what the verdict was). Never a
// pass.
enum class Verdict { Passed, Failed, Errored, Skipped, Flaky, Waived };

inline const char* toString(Verdict v) {
  switch (v) {
    case Verdict::Passed: return "passed";
    case Verdict::Failed: return "failed";
    case Verdict::Errored: return "errored";
    case Verdict::Skipped: return "skipped";
    case Verdict::Flaky: return "flaky";
    case Verdict::Waived: return "waived";
  }
  return "unknown";
}

// One entry of a waiver file (`run --waivers`, docs/reports.md, Waivers): a known failure the
// assurance team has accepted until a date, with the reference that records the decision.
struct Waiver {
  std::string caseGlob;    // case ids it covers (runner/suite/selection.h globMatch)
  std::string reason;      // why the failure is accepted
  std::string reference;   // ticket or deviation reference
  std::string approvedBy;  // who accepted it
  std::string expires;     // YYYY-MM-DD, the last day it applies
};

// The waiver that matched a failed or errored case. Expired: it no longer applies, the
// verdict stays failed/errored and the reason says so.
struct AppliedWaiver {
  Waiver waiver;
  Verdict original = Verdict::Failed;  // the verdict before the waiver: Failed or Errored
  bool expired = false;
};

// Identity of an expanded case, known before it runs (what `list` prints).
struct CaseInfo {
  std::string id;
  std::string title;
  std::string suiteId;
  std::string suiteFile;    // relative to the suites root
  std::string capability;   // foundations, structured, documents, html, security, ...
  std::string specVersion;  // "1.6.2", "0.7.4"
  std::vector<std::string> tags;
  std::string requirement;  // spec page#section the case checks
  std::vector<std::string> official;  // official scenarios: "Feature.feature: Scenario title"
  std::string note;         // e.g. a spec contradiction the expectation follows
};

// One earlier run of a case that `--retries` ran again: its verdict and evidence as they were.
struct CaseAttempt {
  Verdict verdict = Verdict::Failed;  // Failed or Errored
  std::string reason;
  std::vector<CheckResult> checks;
  std::vector<Exchange> exchanges;
  double durationMs = 0;
};

struct CaseResult {
  CaseInfo info;
  Verdict verdict = Verdict::Errored;
  std::string reason;  // first failure's message, or the error
  std::vector<CheckResult> checks;
  std::vector<Exchange> exchanges;
  double durationMs = 0;
  // The attempts before this one, first first, when `--retries` ran the case again (each failed
  // or errored); the fields above are the last attempt's. Empty: the case ran once.
  std::vector<CaseAttempt> retried;
  std::optional<AppliedWaiver> waiver;  // a waiver matched this failing case (run --waivers)
};

struct RunSummary {
  int total = 0, passed = 0, failed = 0, errored = 0, skipped = 0, flaky = 0, waived = 0;
};

// Which part of a sharded selection a run was (`run --shard I/N`), or which shards a merged
// report was put together from (`gpc-assure merge`). count 0: neither.
struct ShardInfo {
  int index = 0;          // 1-based; 0 in a merged report
  int count = 0;          // N
  int selected = 0;       // cases the whole selection had before it was split
  std::string balancedBy; // "case id hash", or "durations from FILE"
  int merged = 0;         // a merged report: how many shard reports it combines
};

// The verdicts of an earlier run a run is compared with (`run --baseline`, `gpc-assure diff`).
struct BaselineRun {
  std::string file;          // its report.json, as given
  std::string startedAt;     // when that run started
  std::string resultSha256;  // SHA-256 of that report.json: which report exactly
  std::vector<std::pair<std::string, Verdict>> verdicts;  // case id -> verdict, in its case order
};

struct RunInfo {
  std::string toolVersion;
  std::string targetName;         // from the target file, or "embedded reference provider"
  std::string targetFile;
  std::map<std::string, std::string> endpoints;  // group -> base URL
  std::vector<std::string> faults;  // reference-provider faults switched on, if any
  std::string startedAt;  // ISO 8601 UTC
  int jobs = 1;
  std::vector<std::string> filters;  // the selection as given on the command line
  // Seed of the run's generated values ({generated.nhs_number}): `run --seed N` repeats them.
  std::uint64_t seed = 0;
  ShardInfo shard;
  int retries = 0;  // `--retries N`: failed or errored cases were run again up to N times
  std::string waiversFile;      // run --waivers FILE, as given; empty: none
  std::vector<Waiver> waivers;  // its entries, in file order
  std::optional<BaselineRun> baseline;  // run --baseline: what every case is compared with
};

struct RunResult {
  RunInfo info;
  std::string finishedAt;
  double durationMs = 0;
  std::vector<CaseResult> cases;  // in suite/case order, whatever --jobs was
  RunSummary summary;
  // Empty when every selected case ran; otherwise why the run ended early ("run interrupted by
  // SIGINT", "stopped after 3 failed or errored cases (--max-failures 3)"). The cases that did
  // not run are Skipped with reason "not run: ...".
  std::string stopped;
};

RunSummary summarise(const std::vector<CaseResult>& cases);

}  // namespace gpc
