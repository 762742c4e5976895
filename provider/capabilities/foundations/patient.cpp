#include "provider/capabilities/foundations/patient.h"

#include <variant>

#include "provider/server/faults.h"
#include "provider/capabilities/foundations/identifier_search.h"

namespace gpc::provider::foundations {
namespace {

using nlohmann::json;

// find_a_patient: "SHALL NOT populate" (extensions by URL, elements by name).
constexpr const char* kNotPopulatedElements[] = {"maritalStatus", "multipleBirthBoolean", "multipleBirthInteger"};
constexpr const char* kNotPopulatedExtensions[] = {
    "Extension-CareConnect-GPC-EthnicCategory-1", "Extension-CareConnect-GPC-ReligiousAffiliation-1",
    "Extension-CareConnect-GPC-CadavericDonor-1", "patient-cadavericDonor", "Extension-CareConnect-GPC-ResidentialStatus-1",
    "Extension-CareConnect-GPC-TreatmentCategory-1", "Extension-CareConnect-GPC-BirthPlace-1", "birthPlace"};

void applyBranchFaults(const ServiceContext& ctx, json& patient) {
  for (auto& ext : patient["extension"]) {
    if (ext.value("url", "") != datapack::kRegistrationDetailsUrl) continue;
    auto& subs = ext["extension"];
    for (auto it = subs.begin(); it != subs.end();) {
      if (it->value("url", "") != "preferredBranchSurgery") {
        ++it;
      } else if (server::hasFault(ctx.faults, "no-preferred-branch-surgery")) {
        it = subs.erase(it);
      } else {
        if (server::hasFault(ctx.faults, "branch-surgery-is-organization"))
          (*it)["valueReference"]["reference"] = "Organization/" + ctx.pack.practice().logicalId;
        ++it;
      }
    }
  }
}

void breakCheckDigit(json& patient) {
  for (auto& id : patient["identifier"]) {
    if (id.value("system", "") != datapack::kNhsNumberSystem) continue;
    std::string v = id.value("value", "");
    if (!v.empty()) v.back() = static_cast<char>('0' + (v.back() - '0' + 1) % 10);
    id["value"] = v;
  }
}

bool activeForSearch(const datapack::PatientEntry& e) {
  // Glossary "active patient": not left and not deceased, traced and verified on PDS. A sensitive
  // (S-flag) patient is not found by search either (official suite: 0 entries for patient9).
  return !e.flags.inactive && !e.flags.deceased && e.flags.onSpine && !e.flags.sensitive;
}

}  // namespace

json patientView(const ServiceContext& ctx, const json& source) {
  json patient = source;
  for (const char* name : kNotPopulatedElements) patient.erase(name);
  if (patient.contains("extension")) {
    auto& exts = patient["extension"];
    for (auto it = exts.begin(); it != exts.end();) {
      const std::string url = it->value("url", "");
      bool drop = false;
      for (const char* banned : kNotPopulatedExtensions) drop = drop || url.ends_with(banned);
      it = drop ? exts.erase(it) : it + 1;
    }
    applyBranchFaults(ctx, patient);
  }
  if (server::hasFault(ctx.faults, "search-returns-fields-not-allowed")) {
    patient["maritalStatus"] = {{"coding", {{{"system", "http://hl7.org/fhir/v3/MaritalStatus"}, {"code", "M"}, {"display", "Married"}}}}};
    patient["multipleBirthBoolean"] = false;
  }
  if (server::hasFault(ctx.faults, "nhs-number-check-digit")) breakCheckDigit(patient);
  if (server::hasFault(ctx.faults, "meta-profile-wrong"))
    patient["meta"]["profile"] = {"https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Patient-1"};
  if (server::hasFault(ctx.faults, "version-id-missing")) patient["meta"].erase("versionId");
  return patient;
}

server::Response readPatient(const ServiceContext& ctx, std::string_view id) {
  if (auto registered = ctx.registrations.byId(std::string(id))) return readResponse(ctx, patientView(ctx, *registered));
  if (const auto* e = ctx.pack.patientById(id)) return readResponse(ctx, patientView(ctx, e->resource));
  return error(ctx, "PATIENT_NOT_FOUND", "no Patient with logical id '" + std::string(id) + "'");
}

server::Response searchPatients(const ServiceContext& ctx, const server::Request& request, bool documents) {
  auto parsed = identifierSearchValue(request, datapack::kNhsNumberSystem);
  if (auto* r = std::get_if<server::Rejection>(&parsed)) {
    // Access Document's find-patient page maps parameter errors to INVALID_PARAMETER, except an
    // empty value after '|', which is an NHS number failing its format: INVALID_NHS_NUMBER (400).
    const std::string code = !documents                                 ? r->code
                             : r->code == "INVALID_IDENTIFIER_VALUE" ? "INVALID_NHS_NUMBER"
                                                                      : "INVALID_PARAMETER";
    return error(ctx, code, r->diagnostics);
  }
  const std::string nhs = std::get<std::string>(parsed);
  if (!datapack::isValidNhsNumber(nhs))
    return error(ctx, "INVALID_NHS_NUMBER", "identifier value '" + nhs + "' is not a valid NHS number");
  std::vector<json> found;
  // A registration since start-up (new or re-activated) is the current state of the patient.
  if (auto registered = ctx.registrations.byNhsNumber(nhs)) {
    found.push_back(patientView(ctx, *registered));
  } else if (const auto* e = ctx.pack.patientByNhsNumber(nhs)) {
    if (activeForSearch(*e) || server::hasFault(ctx.faults, "inactive-patient-returned"))
      found.push_back(patientView(ctx, e->resource));
  }
  server::Response r;
  r.body = searchset(ctx, found);
  return r;
}

}  // namespace gpc::provider::foundations
