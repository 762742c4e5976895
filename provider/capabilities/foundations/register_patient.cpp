#include "provider/capabilities/foundations/register_patient.h"

#include <set>

#include "provider/server/faults.h"
#include "provider/capabilities/foundations/patient.h"

namespace gpc::provider::foundations {
namespace {

using nlohmann::json;

// Elements a consumer may send in the registerPatient Patient (the page's request rules);
// anything else is a disallowed element => INVALID_RESOURCE.
const std::set<std::string> kAllowed = {"resourceType", "id", "meta", "extension", "identifier", "name",
                                        "gender", "birthDate", "telecom", "address", "active"};
const std::set<std::string> kTelecomSystems = {"phone", "fax", "email", "pager", "url", "sms", "other"};
const std::set<std::string> kTelecomUses = {"home", "work", "temp", "old", "mobile"};
const std::set<std::string> kAddressUses = {"home", "temp"};
constexpr std::string_view kNhsCommunication =
    "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-NHSCommunication-1";

struct Problem {
  std::string code, diagnostics;
};

std::optional<Problem> checkNames(const json& p) {
  int official = 0;
  for (const auto& n : p.value("name", json::array())) {
    if (n.value("use", "") != "official") continue;
    ++official;
    if (!n.contains("family") || !n["family"].is_string() || n["family"].get<std::string>().empty())
      return Problem{"BAD_REQUEST", "Patient.name (official) has no family name"};
  }
  if (official != 1) return Problem{"BAD_REQUEST", "Patient must have exactly one name with use 'official'"};
  return std::nullopt;
}

std::optional<Problem> checkContacts(const json& p) {
  for (const auto& t : p.value("telecom", json::array())) {
    if (!kTelecomSystems.count(t.value("system", "")) || t.value("value", "").empty())
      return Problem{"BAD_REQUEST", "Patient.telecom needs a valid system and a value"};
    if (t.contains("use") && !kTelecomUses.count(t.value("use", "")))
      return Problem{"BAD_REQUEST", "Patient.telecom.use '" + t.value("use", "") + "' is not valid"};
  }
  std::set<std::string> uses;
  for (const auto& a : p.value("address", json::array())) {
    const std::string use = a.value("use", "");
    if (!kAddressUses.count(use)) return Problem{"INVALID_RESOURCE", "Patient.address.use '" + use + "' is not allowed (home or temp)"};
    if (!uses.insert(use).second) return Problem{"INVALID_RESOURCE", "Patient has more than one '" + use + "' address"};
  }
  int communications = 0;
  for (const auto& e : p.value("extension", json::array()))
    if (e.value("url", "") == kNhsCommunication) ++communications;
  if (communications > 1) return Problem{"INVALID_RESOURCE", "Patient has more than one nhsCommunication extension"};
  return std::nullopt;
}

// Parses the Parameters; on success `patient` is the registerPatient resource.
std::optional<Problem> readParameters(const json& parameters, json& patient) {
  if (!parameters.is_object() || parameters.value("resourceType", "") != "Parameters")
    return Problem{"INVALID_RESOURCE", "request body is not a Parameters resource"};
  int count = 0;
  for (const auto& param : parameters.value("parameter", json::array())) {
    if (param.value("name", "") != "registerPatient")
      return Problem{"INVALID_PARAMETER", "unknown parameter '" + param.value("name", "") + "'"};
    if (++count > 1) return Problem{"BAD_REQUEST", "parameter registerPatient is repeated"};
    if (!param.contains("resource") || param["resource"].value("resourceType", "") != "Patient")
      return Problem{"INVALID_RESOURCE", "parameter registerPatient must hold a Patient resource"};
    patient = param["resource"];
  }
  if (count == 0) return Problem{"INVALID_PARAMETER", "parameter registerPatient is missing"};
  for (const auto& [key, value] : patient.items())
    if (!kAllowed.count(key)) return Problem{"INVALID_RESOURCE", "Patient element '" + key + "' is not allowed in registerPatient"};
  return std::nullopt;
}

std::optional<Problem> readNhsNumber(const json& patient, std::string& nhs) {
  bool any = false;
  for (const auto& id : patient.value("identifier", json::array())) {
    any = true;
    if (!id.contains("system")) return Problem{"BAD_REQUEST", "Patient.identifier has no system"};
    if (id.value("system", "") == datapack::kNhsNumberSystem) nhs = id.value("value", "");
  }
  if (!any || nhs.empty()) return Problem{"INVALID_NHS_NUMBER", "Patient has no NHS number identifier"};
  if (!datapack::isValidNhsNumber(nhs)) return Problem{"INVALID_NHS_NUMBER", "NHS number '" + nhs + "' is not valid"};
  return std::nullopt;
}

// What PDS would say about an NHS number the data pack knows (spec: register error table).
std::optional<Problem> pdsOutcome(const datapack::PatientEntry& e) {
  if (!e.flags.onSpine) return Problem{"INVALID_PATIENT_DEMOGRAPHICS", "patient is not on PDS"};
  if (e.flags.deceased) return Problem{"INVALID_PATIENT_DEMOGRAPHICS", "patient is deceased on PDS"};
  if (e.flags.sensitive) return Problem{"INVALID_PATIENT_DEMOGRAPHICS", "patient is sensitive on PDS"};
  if (e.flags.superseded) return Problem{"INVALID_NHS_NUMBER", "NHS number is superseded on PDS"};
  return std::nullopt;
}

json registered(const ServiceContext& ctx, const json& request, const std::string& nhs, const std::string& id) {
  json p = {{"resourceType", "Patient"},
            {"id", id},
            {"meta", {{"versionId", "1"}, {"profile", {"https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1"}}}}};
  json extensions = json::array({{{"url", std::string(datapack::kRegistrationDetailsUrl)},
                                  {"extension", json::array({
                                      {{"url", "registrationPeriod"}, {"valuePeriod", {{"start", ctx.today}}}},
                                      {{"url", "registrationType"},
                                       {"valueCodeableConcept", {{"coding", {{{"system", "https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-RegistrationType-1"},
                                                                             {"code", "T"}, {"display", "Temporary"}}}}}}},
                                  })}}});
  for (const auto& e : request.value("extension", json::array()))
    if (e.value("url", "") == kNhsCommunication) extensions.push_back(e);
  p["extension"] = extensions;
  p["identifier"] = {{{"extension", {{{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-NHSNumberVerificationStatus-1"},
                                      {"valueCodeableConcept", {{"coding", {{{"system", "https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-NHSNumberVerificationStatus-1"},
                                                                              {"code", "01"}, {"display", "Number present and verified"}}}}}}}}},
                      {"system", std::string(datapack::kNhsNumberSystem)},
                      {"value", nhs}}};
  p["active"] = true;
  for (const char* key : {"name", "telecom", "gender", "birthDate", "address"})
    if (request.contains(key)) p[key] = request[key];
  p["managingOrganization"] = {{"reference", "Organization/" + ctx.pack.practice().logicalId}};
  return p;
}

}  // namespace

server::Response registerPatient(const ServiceContext& ctx, const json& parameters) {
  json request;
  std::string nhs;
  std::optional<Problem> problem = readParameters(parameters, request);
  if (!problem) problem = readNhsNumber(request, nhs);
  if (!problem && !request.contains("birthDate")) problem = Problem{"BAD_REQUEST", "Patient.birthDate is required"};
  if (!problem) problem = checkNames(request);
  if (!problem) problem = checkContacts(request);
  const auto* known = problem ? nullptr : ctx.pack.patientByNhsNumber(nhs);
  if (!problem && known) problem = pdsOutcome(*known);
  const bool duplicate = ctx.registrations.contains(nhs) || (known && !known->flags.inactive);
  if (!problem && duplicate && !server::hasFault(ctx.faults, "register-duplicate-accepted"))
    problem = Problem{"DUPLICATE_REJECTED", "patient " + nhs + " is already registered at this practice"};
  if (problem) return error(ctx, problem->code, problem->diagnostics);

  json patient;
  if (known) {
    // Re-activating a patient who had left: their record, now active, keeps its preferred branch.
    patient = known->resource;
    patient["active"] = true;
  } else {
    patient = registered(ctx, request, nhs, std::to_string(ctx.registrations.nextId()));
  }
  ctx.registrations.add(nhs, patient);
  server::Response r;
  r.body = searchset(ctx, {patientView(ctx, patient)});
  return r;
}

}  // namespace gpc::provider::foundations
