#pragma once
// Who may have a record returned: the NHS number check, then the patient states every record
// capability refuses (not found, sensitive, inactive, deceased, dissent), in the spec's order.

#include <optional>
#include <string_view>

#include "provider/records/record_context.h"
#include "provider/records/record_store.h"

namespace gpc::provider::records {

bool nhsNumberValid(std::string_view nhsNumber);  // 10 digits, modulus 11 check digit

enum class DeceasedRule { Refuse, WithinWindow };  // structured refuses; documents/HTML allow 28 days

struct PatientAccess {
  const nlohmann::json* patient = nullptr;  // directory Patient when allowed
  const PatientRecord* record = nullptr;    // may be null: a patient with no clinical data
  PatientStatus status;
  std::optional<SpineError> error;
};

PatientAccess resolvePatient(const RecordContext& ctx, std::string_view nhsNumber, DeceasedRule deceased);
// Same checks for a patient addressed by logical id (documents search).
PatientAccess resolvePatientById(const RecordContext& ctx, std::string_view patientId, DeceasedRule deceased);

std::string nhsNumberOf(const nlohmann::json& patient);
SpineError spineError(std::string code, std::string diagnostics);  // status from the code

}  // namespace gpc::provider::records
