#pragma once
// A load profile written out for other load tools: a k6 script (k6 runs distributed, beyond
// what one machine can drive) and a curl config of the same request mix (the raw-curl baseline
// bench/bench_load.sh measures the load command against). Requests are built by the same code
// as every suite request; only cases of one step with nothing captured or generated can be
// written out, as neither tool can evaluate the FHIRPath that later steps depend on.

#include <cstdint>
#include <string>
#include <vector>

#include "runner/load/load_engine.h"

namespace gpc::load {

// One mix entry's request as built for the target (one per bound patient).
struct ExportedRequest {
  std::string caseId;
  double weight = 1;  // the entry's weight shared among its patients
  std::string interaction;
  std::string kind;   // "query" or "command"
  HttpRequest request;
  std::string jwtPayload;  // the claims sent (JSON), "" when no JWT
  long expectStatus = 0;   // the step's `status` expectation, 0 when none
};

// Throws LoadError (file = the profile) naming an entry that cannot be written out.
std::vector<ExportedRequest> exportRequests(const LoadPlan& plan, const LoadEnvironment& environment,
                                            const std::string& profileFile, const std::vector<std::string>& entryPointers);

// A k6 script: the mix as weighted requests (fresh Ssp-TraceID and JWT iat/exp per request), the
// shape as a k6 scenario, the SHALL limits and error budget as thresholds.
std::string k6Script(const std::vector<ExportedRequest>& requests, const LoadPlan& plan, const TransportOptions& transport,
                     const std::string& profileName);

// A curl config (`curl --parallel -K FILE`) of `count` requests drawn from the mix by weight.
std::string curlConfig(const std::vector<ExportedRequest>& requests, std::size_t count, std::uint64_t seed,
                       const TransportOptions& transport);

}  // namespace gpc::load
