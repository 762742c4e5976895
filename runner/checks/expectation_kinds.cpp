// The table itself. A kind's shape and check live beside each other in the file named on its
// declarations; adding a kind is those two functions and a row here (docs/architecture.md).
#include "runner/checks/expectation_kinds.h"

#include <array>

namespace gpc::checks {

// Each kind's two functions, declared through the aliases and grouped by the file defining them
// (a signature changed there no longer links here, so the two cannot drift apart silently).
// http_checks.cpp
ExpectationShape validateNoResponseSpec, validateStatusSpec, validateHeadersSpec, validateContentTypeSpec,
    validateBodySpec;
ExpectationCheck checkNoResponse, checkStatus, checkHeaders, checkContentType, checkBody;
// transport_checks.cpp
ExpectationShape validateTransportSpec;
ExpectationCheck checkTransport;
// resource_checks.cpp
ExpectationShape validateResourceSpec, validateOperationOutcomeSpec;
ExpectationCheck checkResource, checkOperationOutcome;
// assertion_checks.cpp
ExpectationShape validateAssertSpec, validateFhirPathSpec, validateValidateSpec;
ExpectationCheck checkAssertions, checkFhirPath, checkValidate;
// named_checks.cpp
ExpectationShape validateChecksSpec;
ExpectationCheck checkNamed;
// latency_check.cpp
ExpectationShape validateMaxMsSpec;
ExpectationCheck checkMaxMs;

namespace {

// Run order, which is also the order of a step's results in every report: how the exchange
// failed below HTTP, the HTTP layer, the resource, its content, and time last.
constexpr std::array kKinds{
    ExpectationKind{"no_response", validateNoResponseSpec, checkNoResponse},
    ExpectationKind{"transport", validateTransportSpec, checkTransport},
    ExpectationKind{"status", validateStatusSpec, checkStatus},
    ExpectationKind{"headers", validateHeadersSpec, checkHeaders},
    ExpectationKind{"content_type", validateContentTypeSpec, checkContentType},
    ExpectationKind{"body", validateBodySpec, checkBody},
    ExpectationKind{"resource", validateResourceSpec, checkResource},
    ExpectationKind{"operation_outcome", validateOperationOutcomeSpec, checkOperationOutcome},
    ExpectationKind{"assert", validateAssertSpec, checkAssertions},
    ExpectationKind{"fhirpath", validateFhirPathSpec, checkFhirPath},
    ExpectationKind{"validate", validateValidateSpec, checkValidate},
    ExpectationKind{"checks", validateChecksSpec, checkNamed},
    ExpectationKind{"max_ms", validateMaxMsSpec, checkMaxMs},
};

}  // namespace

std::span<const ExpectationKind> expectationKinds() { return kKinds; }

std::vector<std::string> expectationKeys() {
  std::vector<std::string> keys;
  for (const auto& kind : kKinds) keys.emplace_back(kind.key);
  return keys;
}

std::vector<CheckResult> runExpectations(const nlohmann::json& expect, const ResponseView& r, const FhirServices& fhir,
                                         const FhirPathVariables& vars) {
  const CheckContext context{r, fhir, vars};
  std::vector<CheckResult> out;
  for (const auto& kind : kKinds) {
    const auto it = expect.find(kind.key);
    if (it == expect.end()) continue;
    for (auto& result : kind.run(*it, context)) out.push_back(std::move(result));
  }
  return out;
}

}  // namespace gpc::checks
