#include "provider/server/faults.h"

#include <stdexcept>

#include "provider/server/capability_module.h"

namespace gpc::provider {

const std::vector<FaultInfo>& knownFaults() {
  static const std::vector<FaultInfo> all = [] {
    std::vector<FaultInfo> out = server::pipelineFaults();
    for (const server::CapabilityModule* module : server::capabilityModules()) {
      const auto& own = module->faults();
      out.insert(out.end(), own.begin(), own.end());
    }
    const auto& tls = tlsFaults();  // the TLS listener's (provider/tls_server.cpp)
    out.insert(out.end(), tls.begin(), tls.end());
    return out;
  }();
  return all;
}

namespace server {

const std::vector<FaultInfo>& pipelineFaults() {
  static const std::vector<FaultInfo> faults = {
      {"no-cache-control", "responses carry no Cache-Control header",
       "development_api_security_guidance#response-headers (Cache-Control: no-store on all responses)"},
      {"cache-control-on-success-only", "error responses carry no Cache-Control header (successes still do)",
       "development_general_api_guidance#caching-headers (all responses, including errors)"},
      {"wrong-content-type", "FHIR responses are labelled application/json instead of application/fhir+json",
       "development_general_api_guidance#content-types"},
      {"missing-charset", "Content-Type has no charset parameter", "development_general_api_guidance#content-types (charset SHALL be set)"},
      {"error-status-swapped", "404 errors are sent with HTTP 400 and 400 errors with HTTP 404",
       "development_fhir_error_handling_guidance (HTTP status per Spine code)"},
      {"oo-coding-system-wrong", "OperationOutcome codings use the 0.7.x system http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1",
       "development_fhir_error_handling_guidance (system https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1)"},
      {"oo-missing-display", "OperationOutcome codings have no display", "GPConnect-OperationOutcome-1 (details.coding.display 1..1)"},
      {"oo-severity-not-error", "error OperationOutcomes have severity warning",
       "development_fhir_error_handling_guidance (issue.severity = error)"},
      {"oo-profile-missing", "OperationOutcomes carry no meta.profile", "GPConnect-OperationOutcome-1 (meta.profile)"},
      {"jwt-not-validated", "the Authorization bearer token is not checked at all",
       "integration_cross_organisation_audit_and_provenance"},
      {"jwt-exp-not-checked", "expired tokens and exp - iat other than 300 s are accepted",
       "integration_cross_organisation_audit_and_provenance (exp = iat + 5 min; reject expired)"},
      {"jwt-scope-not-checked", "requested_scope is not checked against the interaction",
       "development_api_security_guidance (requested_scope per interaction)"},
      {"ssp-to-not-checked", "requests addressed to another ASID (Ssp-To) are served",
       "development_api_security_guidance (only accept requests whose Ssp-To is its own ASID)"},
      {"interaction-id-not-checked", "any Ssp-InteractionID is accepted on any endpoint",
       "development_api_security_guidance (Ssp-InteractionID consistent with the endpoint)"},
      {"trace-id-not-checked", "Ssp-TraceID values that are not UUIDs are accepted",
       "integration_spine_secure_proxy (Ssp-TraceID is a GUID)"},
      {"format-param-ignored", "_format is ignored; Accept decides the response format",
       "development_general_api_guidance#content-types (_format overrides Accept)"},
      {"capability-no-xml-format", "the CapabilityStatement lists only application/fhir+json in format",
       "development_general_api_guidance#content-types (formats declared in CapabilityStatement.format)"},
      {"capability-wrong-fhir-version", "the CapabilityStatement declares fhirVersion 1.0.2",
       "foundations_use_case_get_the_fhir_capability_statement (fhirVersion 3.0.1)"},
      {"gzip-ignored", "Accept-Encoding: gzip is ignored; bodies are sent uncompressed",
       "development_general_api_guidance (SHALL support gzip)"},
      {"first-request-fails", "the provider's very first request is answered 500 INTERNAL_SERVER_ERROR; every later one as usual",
       "none: a transient outage, for showing that `run --retries` reports the case flaky (docs/reports.md, Retries)"},
      {"wrong-verb-accepted", "any HTTP method on a known path is served as if it were the right one",
       "development_fhir_error_handling_guidance (invalid HTTP verb => BAD_REQUEST)"},
  };
  return faults;
}

void checkFaultNames(const std::set<std::string>& faults) {
  for (const auto& name : faults) {
    bool found = false;
    for (const auto& f : knownFaults()) found = found || f.name == name;
    if (found) continue;
    std::string valid;
    for (const auto& f : knownFaults()) valid += (valid.empty() ? "" : ", ") + f.name;
    throw std::runtime_error("unknown fault '" + name + "'; valid faults are: " + valid);
  }
}

}  // namespace server
}  // namespace gpc::provider
