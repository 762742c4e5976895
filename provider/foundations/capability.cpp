#include "provider/foundations/capability.h"

#include "gpc/build_paths.h"

#include "provider/core/faults.h"

namespace gpc::provider::foundations {
namespace {

using nlohmann::json;

const std::string kSd = "https://fhir.nhs.uk/STU3/StructureDefinition/";

json profiles(std::initializer_list<std::string> names) {
  json out = json::array();
  for (const auto& n : names) out.push_back({{"reference", n.starts_with("https://") ? n : kSd + n}});
  return out;
}

json identifierParam(const std::string& what, const std::string& system) {
  return json::array({{{"name", "identifier"}, {"type", "token"},
                       {"documentation", what + " (i.e. " + system + "|[value])"}}});
}

json resource(const std::string& type, std::initializer_list<const char*> interactions, json searchParams = nullptr) {
  json r = {{"type", type}, {"interaction", json::array()}};
  for (const char* i : interactions) r["interaction"].push_back({{"code", i}});
  if (!searchParams.is_null()) r["searchParam"] = std::move(searchParams);
  return r;
}

json common(const std::string& name, const std::set<std::string>& faults) {
  json formats = {"application/fhir+json"};
  if (!core::hasFault(faults, "capability-no-xml-format")) formats.push_back("application/fhir+xml");
  return {{"resourceType", "CapabilityStatement"},
          {"version", "1.6.2"},
          {"name", name},
          {"status", "active"},
          {"date", "2024-03-01"},
          {"publisher", "gpc-assure"},
          {"description", "gpc-assure reference provider: GP Connect API version 1.6.2"},
          {"kind", "instance"},
          {"software", {{"name", "gpc-assure reference provider"}, {"version", GPC_VERSION}}},
          {"fhirVersion", core::hasFault(faults, "capability-wrong-fhir-version") ? "1.0.2" : "3.0.1"},
          {"acceptUnknown", "both"},
          {"format", formats}};
}

json foundations(const std::set<std::string>& faults) {
  json cs = common("GP Connect", faults);
  cs["profile"] = profiles({"CareConnect-GPC-Patient-1", "CareConnect-GPC-Organization-1", "CareConnect-GPC-Practitioner-1",
                            "CareConnect-GPC-PractitionerRole-1", "CareConnect-GPC-Location-1",
                            "GPConnect-OperationOutcome-1", "GPConnect-Searchset-Bundle-1"});
  cs["rest"] = json::array({{
      {"mode", "server"},
      {"security", {{"cors", true}}},
      {"resource", json::array({
          resource("Patient", {"read", "search-type"}, identifierParam("NHS Number", "https://fhir.nhs.uk/Id/nhs-number")),
          resource("Organization", {"read", "search-type"},
                   identifierParam("ODS Code", "https://fhir.nhs.uk/Id/ods-organization-code")),
          resource("Practitioner", {"read", "search-type"}, identifierParam("SDS User Id", "https://fhir.nhs.uk/Id/sds-user-id")),
          resource("Location", {"read"}),
      })},
      {"operation", json::array({
          {{"name", "gpc.registerpatient"},
           {"definition", {{"reference", "https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-RegisterPatient-Operation-1"}}}},
          // The 1.6.2 Foundations example lists the structured record operation too: the same
          // FHIR base serves it.
          {{"name", "gpc.getstructuredrecord"},
           {"definition", {{"reference", "https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-GetStructuredRecord-Operation-1/_history/1.16"}}}},
      })},
  }});
  return cs;
}

json structured(const std::set<std::string>& faults) {
  json cs = common("GP Connect API - Access Record Structured", faults);
  cs["profile"] = profiles({
      "CareConnect-GPC-Patient-1/_history/1.8", "CareConnect-GPC-Organization-1/_history/1.4",
      "CareConnect-GPC-Practitioner-1/_history/1.3", "CareConnect-GPC-PractitionerRole-1/_history/1.2",
      "CareConnect-GPC-AllergyIntolerance-1/_history/1.7", "CareConnect-GPC-Medication-1/_history/1.2",
      "CareConnect-GPC-MedicationStatement-1/_history/1.7", "CareConnect-GPC-MedicationRequest-1/_history/1.6",
      "CareConnect-GPC-List-1/_history/1.7", "GPConnect-StructuredRecord-Bundle-1/_history/1.3",
      "GPConnect-OperationOutcome-1/_history/1.2", "CareConnect-GPC-Immunization-1/_history/1.5",
      "CareConnect-GPC-ProblemHeader-Condition-1/_history/1.7", "CareConnect-GPC-Encounter-1/_history/1.5",
      "CareConnect-GPC-Observation-1/_history/1.7", "CareConnect-GPC-DiagnosticReport-1/_history/1.3",
      "CareConnect-GPC-Specimen-1/_history/1.3", "CareConnect-GPC-ProcedureRequest-1/_history/1.4",
      "CareConnect-GPC-ReferralRequest-1/_history/1.2", "CareConnect-GPC-DocumentReference-1/_history/1.3",
      "https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-HealthcareService-1/_history/1.0"});
  cs["rest"] = json::array({{
      {"mode", "server"},
      {"security", {{"cors", true}}},
      {"operation", json::array({
          {{"name", "gpc.getstructuredrecord"},
           {"definition", {{"reference", "https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-GetStructuredRecord-Operation-1/_history/1.16"}}}},
          {{"name", "gpc.migratestructuredrecord"},
           {"definition", {{"reference", "https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-MigrateStructuredRecord-Operation-1/_history/1.1"}}}},
      })},
  }});
  return cs;
}

json documents(const std::set<std::string>& faults) {
  json cs = common("GP Connect API - Access Document", faults);
  cs["profile"] = profiles({"CareConnect-GPC-Patient-1/_history/1.8", "CareConnect-GPC-Organization-1/_history/1.4",
                            "CareConnect-GPC-Practitioner-1/_history/1.3", "CareConnect-GPC-PractitionerRole-1/_history/1.2",
                            "GPConnect-OperationOutcome-1/_history/1.2", "CareConnect-GPC-DocumentReference-1/_history/1.3",
                            "GPConnect-Searchset-Bundle-1/_history/1.3"});
  json docRef = resource("DocumentReference", {"search-type"},
                         json::array({{{"name", "created"}, {"type", "date"}},
                                      {{"name", "author"}, {"type", "token"}},
                                      {{"name", "description"}, {"type", "string"}}}));
  docRef["searchInclude"] = {"DocumentReference:subject:Patient", "DocumentReference:custodian:Organization",
                             "DocumentReference:author:Organization", "DocumentReference:author:Practitioner"};
  docRef["searchRevInclude"] = {"PractitionerRole:practitioner"};
  cs["rest"] = json::array({{
      {"mode", "server"},
      {"security", {{"cors", true}}},
      {"resource", json::array({
          resource("Patient", {"search-type"}, identifierParam("NHS Number", "https://fhir.nhs.uk/Id/nhs-number")),
          resource("Binary", {"read"}), docRef})},
  }});
  return cs;
}

// DSTU2 Conformance (0.7.x uses resourceType Conformance, fhirVersion 1.0.2).
json html(const std::set<std::string>& faults) {
  json formats = {"application/json+fhir"};
  if (!core::hasFault(faults, "capability-no-xml-format")) formats.push_back("application/xml+fhir");
  return {{"resourceType", "Conformance"},
          {"version", "0.7.4"},
          {"name", "GP Connect - Access Record HTML"},
          {"status", "active"},
          {"date", "2018-01-01"},
          {"publisher", "gpc-assure"},
          {"kind", "instance"},
          {"software", {{"name", "gpc-assure reference provider"}, {"version", GPC_VERSION}}},
          {"fhirVersion", "1.0.2"},
          {"acceptUnknown", "both"},
          {"format", formats},
          {"rest", json::array({{{"mode", "server"},
                                 {"operation", json::array({{{"name", "gpc.getcarerecord"},
                                                             {"definition", {{"reference", "http://fhir.nhs.net/OperationDefinition/gpconnect-carerecord-operation-1"}}}}})}}})}};
}

}  // namespace

json capabilityStatement(core::Endpoint endpoint, const std::set<std::string>& faults) {
  switch (endpoint) {
    case core::Endpoint::Foundations: return foundations(faults);
    case core::Endpoint::Structured: return structured(faults);
    case core::Endpoint::Documents: return documents(faults);
    case core::Endpoint::Html: return html(faults);
  }
  return foundations(faults);
}

}  // namespace gpc::provider::foundations
