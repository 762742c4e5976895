#pragma once
// Shared vocabulary of the reference provider's clinical-record operations (Access Record
// Structured, Access Document, Access Record HTML). These are pure functions: no HTTP here.
// The server pipeline parses the request, builds a RecordContext and renders the RecordResponse
// (a FHIR resource, or a SpineError through its one error table).

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider/reference_provider.h"

namespace gpc::provider::records {

// An error the operation decided on. The server maps `code` to HTTP status, issue.code and display
// with its error table; `httpStatus` is our own expectation (the server may cross-check it).
struct SpineError {
  std::string code;         // Spine code, e.g. "INVALID_PARAMETER", "PATIENT_NOT_FOUND"
  std::string diagnostics;  // names the parameter / part / value at fault
  int httpStatus = 0;       // 400, 403, 404, 422 ... per spec-facts §4
};

struct RecordResponse {
  int status = 200;
  nlohmann::json body;               // the FHIR resource when !error
  std::optional<SpineError> error;   // set => the server renders an OperationOutcome
  std::string contentType;           // empty => the server's negotiated default; set for Binary/DSTU2
};

// The Foundations data the record operations need, as FHIR JSON resources. Core adapts its data
// pack into this (records::DirectoryFromDataPack does it once the data pack header is in).
// Data-pack facts about a patient that are not FHIR content.
struct PatientStatus {
  bool sensitive = false;     // PDS sensitive flag => PATIENT_NOT_FOUND
  bool dissent = false;       // opted out => NO_PATIENT_CONSENT
  bool inactive = false;      // left the practice => PATIENT_NOT_FOUND
  bool deceased = false;
  std::string transferDate;   // record in transit since (yyyy-mm-dd): data-in-transit warnings
};

class RecordDirectory {
 public:
  // Default: what the Patient resource itself says (active, deceased[x], meta.security REDRWD).
  virtual PatientStatus status(const nlohmann::json& patient) const;
  virtual ~RecordDirectory() = default;
  // The Patient whose nhs-number identifier equals `nhsNumber`, or nullptr.
  virtual const nlohmann::json* patientByNhsNumber(std::string_view nhsNumber) const = 0;
  // Any resource by type and logical id (Organization, Practitioner, PractitionerRole, Location,
  // Patient), or nullptr.
  virtual const nlohmann::json* resource(std::string_view type, std::string_view id) const = 0;
  // The Organization whose ods-organization-code identifier is `odsCode`, or nullptr.
  virtual const nlohmann::json* organizationByOds(std::string_view /*odsCode*/) const { return nullptr; }
  // The PractitionerRoles whose practitioner is Practitioner/<practitionerId>.
  virtual std::vector<const nlohmann::json*> rolesOfPractitioner(std::string_view practitionerId) const = 0;
};

class RecordStore;  // record_store.h: the clinical data and documents, loaded once

struct RecordContext {
  const RecordDirectory* directory = nullptr;  // required
  const RecordStore* store = nullptr;          // required
  std::string traceId;                          // Ssp-TraceID: Bundle.id
  std::string today;                            // yyyy-mm-dd, injected so tests are deterministic
  std::string odsCode = "B82617";               // ODS code of the service root addressed
  std::string baseUrl;                          // service root, for absolute fullUrls (documents)
  nlohmann::json jwtClaims = nlohmann::json::object();
  std::set<std::string> faults;                 // active fault names (each capability module lists those it honours)
  int deceasedWindowDays = 28;                  // documents/HTML: access after death
  // Clinical areas switched off at this practice (site-level switch, clinical_area_config), by
  // their parameter name (includeMedication ..., DocumentReferences). Core may fill it from a
  // provider option; a record fixture can also simulate it per patient (fixtures/records README).
  std::set<std::string> disabledAreas;

  bool fault(std::string_view name) const { return faults.count(std::string(name)) > 0; }
};

}  // namespace gpc::provider::records
