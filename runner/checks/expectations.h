#pragma once
// One function per expectation kind of docs/suite-format.md "Expect"; each returns CheckResults
// with expected/actual and a message a supplier can act on.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/checks/fhir_services.h"
#include "runner/checks/response_view.h"
#include "runner/core/model.h"

namespace gpc::checks {

using FhirPathVariables = std::map<std::string, nlohmann::json>;

std::vector<CheckResult> checkStatus(const nlohmann::json& spec, const ResponseView& r);
std::vector<CheckResult> checkHeaders(const nlohmann::json& spec, const ResponseView& r);
std::vector<CheckResult> checkContentType(const nlohmann::json& spec, const ResponseView& r);
std::vector<CheckResult> checkBody(const nlohmann::json& spec, const ResponseView& r);
std::vector<CheckResult> checkResource(const nlohmann::json& spec, const ResponseView& r);
std::vector<CheckResult> checkOperationOutcome(const nlohmann::json& spec, const ResponseView& r);
std::vector<CheckResult> checkAssertions(const nlohmann::json& spec, const ResponseView& r, const FhirServices& fhir,
                                         const FhirPathVariables& vars);
std::vector<CheckResult> checkFhirPath(const nlohmann::json& spec, const ResponseView& r, const FhirServices& fhir,
                                       const FhirPathVariables& vars);
std::vector<CheckResult> checkValidate(const nlohmann::json& spec, const ResponseView& r, const FhirServices& fhir);
std::vector<CheckResult> checkNamed(const nlohmann::json& spec, const ResponseView& r);
std::vector<CheckResult> checkMaxMs(const nlohmann::json& spec, const ResponseView& r);
// `no_response: true`: the exchange must fail below HTTP (connection refused/closed, TLS rejected).
std::vector<CheckResult> checkNoResponse(const nlohmann::json& spec, const ResponseView& r);

// `transport: "handshake-refused" | "connection-refused"`: judged by the transport error alone.
std::vector<CheckResult> checkTransport(const nlohmann::json& spec, const ResponseView& r);

// Every expectation of a (validated, substituted) `expect` object, in a fixed order.
std::vector<CheckResult> runExpectations(const nlohmann::json& expect, const ResponseView& r,
                                         const FhirServices& fhir, const FhirPathVariables& vars);

// Short form of a value for messages (long bodies cut).
std::string brief(const std::string& text, std::size_t max = 200);

}  // namespace gpc::checks
