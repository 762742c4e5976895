#include "provider/server/spine_errors.h"

#include <array>
#include <stdexcept>

namespace gpc::provider::server {
namespace {

// Displays are the Spine-ErrorOrWarningCode-1 CodeSystem's (what the spec's example
// OperationOutcomes carry, e.g. "Bad request"); the error-handling page's table paraphrases some.
// NO_ORGANISATION_CONSENT keeps the page's spelling (the CodeSystem has NO_ORGANISATIONAL_CONSENT).
constexpr std::array kErrors = {
    SpineErrorInfo{"INVALID_IDENTIFIER_SYSTEM", 400, "value", "Invalid identifier system"},
    SpineErrorInfo{"INVALID_IDENTIFIER_VALUE", 400, "value", "Invalid identifier value"},
    SpineErrorInfo{"INVALID_NHS_NUMBER", 400, "value", "Invalid NHS number"},
    SpineErrorInfo{"INVALID_PATIENT_DEMOGRAPHICS", 400, "business-rule", "Invalid patient demographics"},
    SpineErrorInfo{"ORGANISATION_NOT_FOUND", 404, "not-found", "Organisation not found"},
    SpineErrorInfo{"PATIENT_NOT_FOUND", 404, "not-found", "Patient not found"},
    SpineErrorInfo{"PRACTITIONER_NOT_FOUND", 404, "not-found", "Practitioner not found"},
    SpineErrorInfo{"NO_RECORD_FOUND", 404, "not-found", "No record found"},
    SpineErrorInfo{"NO_PATIENT_CONSENT", 403, "forbidden", "Patient has not provided consent to share data"},
    SpineErrorInfo{"NO_ORGANISATION_CONSENT", 403, "forbidden", "Organisation has not provided consent to share data"},
    SpineErrorInfo{"ACCESS DENIED", 403, "forbidden", "Access has been denied to process this request"},
    SpineErrorInfo{"NO_RELATIONSHIP", 403, "forbidden", "No legitimate relationship exists with this patient"},
    SpineErrorInfo{"DUPLICATE_REJECTED", 409, "duplicate", "Create would lead to creation of a duplicate resource"},
    // The 409 of a stale If-Match on amend/cancel (the official suite's AppointmentCancel expects it).
    SpineErrorInfo{"FHIR_CONSTRAINT_VIOLATION", 409, "conflict", "FHIR constraint violated"},
    SpineErrorInfo{"INVALID_RESOURCE", 422, "invalid", "Invalid validation of resource"},
    SpineErrorInfo{"INVALID_PARAMETER", 422, "invalid", "Invalid parameter"},
    SpineErrorInfo{"REFERENCE_NOT_FOUND", 422, "invalid", "Reference not found"},
    SpineErrorInfo{"BAD_REQUEST", 400, "invalid", "Bad request"},
    SpineErrorInfo{"CONFLICTING_VALUES", 400, "invalid", "Conflicting values have been specified in different fields"},
    SpineErrorInfo{"NOT_IMPLEMENTED", 501, "not-supported", "Not implemented"},
    SpineErrorInfo{"INTERNAL_SERVER_ERROR", 500, "processing", "Unexpected internal server error"},
    // Not in the page's table but in the CodeSystem: the 415 the content-type rules need.
    SpineErrorInfo{"UNSUPPORTED_MEDIA_TYPE", 415, "not-supported", "Unsupported media type"},
};

bool has(const std::set<std::string>& faults, const char* name) { return faults.count(name) > 0; }

}  // namespace

std::span<const SpineErrorInfo> spineErrors() { return kErrors; }

const SpineErrorInfo& spineError(std::string_view code) {
  for (const auto& e : kErrors)
    if (e.code == code) return e;
  throw std::logic_error("no Spine error code " + std::string(code) + " in the provider's error table");
}

int errorStatus(std::string_view code, const std::set<std::string>& faults) {
  const int status = spineError(code).httpStatus;
  if (!has(faults, "error-status-swapped")) return status;
  // The classic confusion: "not found" answered as a bad request and vice versa.
  if (status == 404) return 400;
  if (status == 400) return 404;
  return status;
}

nlohmann::json operationOutcome(std::string_view code, std::string_view diagnostics,
                                const std::set<std::string>& faults, bool dstu2) {
  const SpineErrorInfo& e = spineError(code);
  nlohmann::json coding = {
      {"system", std::string(dstu2 || has(faults, "oo-coding-system-wrong") ? kDstu2SpineErrorSystem
                                                                             : kSpineErrorSystem)},
      {"code", std::string(e.code)}};
  if (!has(faults, "oo-missing-display")) coding["display"] = std::string(e.display);
  nlohmann::json issue = {{"severity", has(faults, "oo-severity-not-error") ? "warning" : "error"},
                          {"code", std::string(e.issueCode)},
                          {"details", {{"coding", nlohmann::json::array({coding})}}}};
  if (!diagnostics.empty()) issue["diagnostics"] = std::string(diagnostics);
  nlohmann::json oo = {{"resourceType", "OperationOutcome"}};
  if (!has(faults, "oo-profile-missing"))
    oo["meta"] = {{"profile", {std::string(dstu2 ? kDstu2OperationOutcomeProfile : kOperationOutcomeProfile)}}};
  oo["issue"] = nlohmann::json::array({issue});
  return oo;
}

}  // namespace gpc::provider::server
