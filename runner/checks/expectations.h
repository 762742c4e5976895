#pragma once
// Running a step's `expect` object (docs/suite-format.md "Expect") against a response: each
// kind's checks return CheckResults with expected/actual and a message a supplier can act on.
// The kinds themselves, with their load-time shapes, are the table of expectation_kinds.h.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/checks/fhir_services.h"
#include "runner/checks/response_view.h"
#include "runner/core/model.h"

namespace gpc::checks {

using FhirPathVariables = std::map<std::string, nlohmann::json>;

// What a check may look at: the response (body parsed once) and, for the FHIRPath and
// profile kinds, the FHIR engine and the case's `%name` variables.
struct CheckContext {
  const ResponseView& response;
  const FhirServices& fhir;
  const FhirPathVariables& variables;
};

// Every expectation of a (validated, substituted) `expect` object, in the table's order.
std::vector<CheckResult> runExpectations(const nlohmann::json& expect, const ResponseView& r,
                                         const FhirServices& fhir, const FhirPathVariables& vars);

// Short form of a value for messages (long bodies cut).
std::string brief(const std::string& text, std::size_t max = 200);

}  // namespace gpc::checks
