#include "provider/records/patient_access.h"

#include <cctype>
#include <chrono>
#include <map>

#include "provider/records/record_dates.h"

namespace gpc::provider::records {
namespace {

int daysFromCivil(int y, unsigned m, unsigned d) {
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

int dayNumber(std::string_view date) {
  return daysFromCivil(std::stoi(std::string(date.substr(0, 4))), static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2)))),
                       static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2)))));
}


PatientAccess check(const RecordContext& ctx, const nlohmann::json* patient, std::string_view shownAs, DeceasedRule deceased) {
  PatientAccess access;
  if (!patient) {
    access.error = spineError("PATIENT_NOT_FOUND", "No patient found for " + std::string(shownAs));
    return access;
  }
  const PatientRecord* record = ctx.store->find(nhsNumberOf(*patient));
  const PatientStatus status = ctx.directory->status(*patient);
  access.status = status;
  if (status.sensitive) {
    access.error = spineError("PATIENT_NOT_FOUND", "No patient found for " + std::string(shownAs));
    return access;
  }
  if (status.inactive) {
    access.error = spineError("PATIENT_NOT_FOUND", "Patient " + std::string(shownAs) + " is not active at this practice");
    return access;
  }
  if (status.deceased) {
    const std::string died = patient->value("deceasedDateTime", "");
    const bool inWindow = deceased == DeceasedRule::WithinWindow && died.size() >= 10 && isWholeDate(died.substr(0, 10)) &&
                          isWholeDate(ctx.today) && dayNumber(ctx.today) - dayNumber(died) <= ctx.deceasedWindowDays;
    if (!inWindow) {
      access.error = spineError("PATIENT_NOT_FOUND", "Patient " + std::string(shownAs) + " is deceased");
      return access;
    }
  }
  if (status.dissent) {
    access.error = spineError("NO_PATIENT_CONSENT", "Patient " + std::string(shownAs) + " has dissented from sharing their record");
    return access;
  }
  access.patient = patient;
  access.record = record;
  return access;
}

}  // namespace

PatientStatus RecordDirectory::status(const nlohmann::json& patient) const {
  PatientStatus s;
  s.inactive = !patient.value("active", true);
  s.deceased = patient.contains("deceasedDateTime") || patient.value("deceasedBoolean", false);
  for (const auto& tag : patient.value("meta", nlohmann::json::object()).value("security", nlohmann::json::array())) {
    s.sensitive |= tag.value("code", "") == "REDRWD";
  }
  return s;
}

bool nhsNumberValid(std::string_view n) {
  if (n.size() != 10) return false;
  int sum = 0;
  for (size_t i = 0; i < 10; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(n[i]))) return false;
    if (i < 9) sum += (n[i] - '0') * static_cast<int>(10 - i);
  }
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == n[9] - '0';
}

std::string nhsNumberOf(const nlohmann::json& patient) {
  for (const auto& id : patient.value("identifier", nlohmann::json::array())) {
    if (id.value("system", "") == "https://fhir.nhs.uk/Id/nhs-number") return id.value("value", "");
  }
  return {};
}

SpineError spineError(std::string code, std::string diagnostics) {
  static const std::map<std::string, int, std::less<>> status = {
      {"INVALID_NHS_NUMBER", 400}, {"INVALID_IDENTIFIER_SYSTEM", 400}, {"BAD_REQUEST", 400},
      {"CONFLICTING_VALUES", 400}, {"PATIENT_NOT_FOUND", 404},        {"NO_RECORD_FOUND", 404},
      {"NO_PATIENT_CONSENT", 403}, {"NO_RELATIONSHIP", 403},          {"ACCESS DENIED", 403},
      {"INVALID_PARAMETER", 422},  {"INVALID_RESOURCE", 422},         {"REFERENCE_NOT_FOUND", 422},
      {"NOT_IMPLEMENTED", 501},    {"INTERNAL_SERVER_ERROR", 500}};
  const auto it = status.find(code);
  return SpineError{std::move(code), std::move(diagnostics), it == status.end() ? 500 : it->second};
}

PatientAccess resolvePatient(const RecordContext& ctx, std::string_view nhsNumber, DeceasedRule deceased) {
  if (!nhsNumberValid(nhsNumber)) {
    PatientAccess access;
    access.error = spineError("INVALID_NHS_NUMBER", "NHS number '" + std::string(nhsNumber) + "' fails the format or check digit");
    return access;
  }
  return check(ctx, ctx.directory->patientByNhsNumber(nhsNumber), "NHS number " + std::string(nhsNumber), deceased);
}

PatientAccess resolvePatientById(const RecordContext& ctx, std::string_view patientId, DeceasedRule deceased) {
  return check(ctx, ctx.directory->resource("Patient", patientId), "Patient/" + std::string(patientId), deceased);
}

}  // namespace gpc::provider::records
