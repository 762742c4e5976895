#pragma once
// The one table of GP Connect errors (spec-facts §4): Spine code -> HTTP status, FHIR issue
// code and display. Every error the provider returns is built here, so the status, the code
// and the OperationOutcome shape cannot drift apart between routes.

#include <set>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gpc::provider::server {

struct SpineErrorInfo {
  std::string_view code;       // Spine-ErrorOrWarningCode-1 code, e.g. "BAD_REQUEST"
  int httpStatus;
  std::string_view issueCode;  // FHIR issue-type
  std::string_view display;
};

inline constexpr std::string_view kOperationOutcomeProfile =
    "https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1";
inline constexpr std::string_view kSpineErrorSystem =
    "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1";
// Access Record HTML 0.7.x (DSTU2) equivalents.
inline constexpr std::string_view kDstu2OperationOutcomeProfile =
    "http://fhir.nhs.net/StructureDefinition/gpconnect-operationoutcome-1";
inline constexpr std::string_view kDstu2SpineErrorSystem =
    "http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1";

// The whole table, in its declaration order (for tests that hold it against the CodeSystem).
std::span<const SpineErrorInfo> spineErrors();

// The entry for `code`; throws std::logic_error for a code not in the table (a provider bug).
const SpineErrorInfo& spineError(std::string_view code);

// A GPConnect-OperationOutcome-1 for `code` with `diagnostics`. `dstu2` selects the 0.7.x
// profile and code system. Faults honoured: oo-coding-system-wrong, oo-missing-display,
// oo-severity-not-error, oo-profile-missing.
nlohmann::json operationOutcome(std::string_view code, std::string_view diagnostics,
                                const std::set<std::string>& faults, bool dstu2 = false);

// The HTTP status to send with `code`; honours error-status-swapped.
int errorStatus(std::string_view code, const std::set<std::string>& faults);

}  // namespace gpc::provider::server
