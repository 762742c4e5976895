// Foundations 1.6.2 (STU3): the CapabilityStatement, Patient, Practitioner, Organization and
// Location reads and searches, and $gpc.registerpatient.
#include "provider/capabilities/foundations/module.h"

#include "provider/capabilities/foundations/directory.h"
#include "provider/capabilities/foundations/patient.h"
#include "provider/capabilities/foundations/register_patient.h"
#include "provider/server/capability_statement.h"

namespace gpc::provider::foundations {

ServiceContext serviceContextOf(const server::Call& call) {
  return {call.data.pack, call.data.registrations, call.faults, call.baseUrl, call.today};
}

namespace {

using nlohmann::json;
using server::Call;
using server::Response;

json capabilityStatement(const std::set<std::string>& faults) {
  json cs = server::stu3CapabilityStatement("GP Connect", faults);
  cs["profile"] = server::capabilityProfiles({"CareConnect-GPC-Patient-1", "CareConnect-GPC-Organization-1", "CareConnect-GPC-Practitioner-1",
                            "CareConnect-GPC-PractitionerRole-1", "CareConnect-GPC-Location-1",
                            "GPConnect-OperationOutcome-1", "GPConnect-Searchset-Bundle-1"});
  cs["rest"] = json::array({{
      {"mode", "server"},
      {"security", {{"cors", true}}},
      {"resource", json::array({
          server::capabilityResource("Patient", {"read", "search-type"}, server::identifierSearchParam("NHS Number", "https://fhir.nhs.uk/Id/nhs-number")),
          server::capabilityResource("Organization", {"read", "search-type"},
                   server::identifierSearchParam("ODS Code", "https://fhir.nhs.uk/Id/ods-organization-code")),
          server::capabilityResource("Practitioner", {"read", "search-type"}, server::identifierSearchParam("SDS User Id", "https://fhir.nhs.uk/Id/sds-user-id")),
          server::capabilityResource("Location", {"read"}),
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

const std::string& id(const Call& call) {
  static const std::string none;
  return call.ids.empty() ? none : call.ids.front();
}

const std::vector<FaultInfo>& faults() {
  static const std::vector<FaultInfo> all = {
      {"nhs-number-check-digit", "Patient NHS numbers are returned with a wrong check digit",
       "resources_overview (nhs-number identifier: valid modulus 11 NHS number)"},
      {"meta-profile-wrong", "Patients claim the CareConnect base profile instead of CareConnect-GPC-Patient-1",
       "development_fhir_api_guidance (resources SHALL carry meta.profile)"},
      {"version-id-missing", "Foundations resources carry no meta.versionId", "development_fhir_api_guidance (meta.versionId)"},
      {"etag-missing", "reads carry no ETag header", "development_fhir_api_guidance (ETag W/\"versionId\" on read)"},
      {"no-preferred-branch-surgery", "registrationDetails never carries preferredBranchSurgery",
       "development_branch_surgeries (SHALL populate preferredBranchSurgery)"},
      {"branch-surgery-is-organization", "preferredBranchSurgery references the practice Organization instead of a Location",
       "Extension-CareConnect-GPC-RegistrationDetails-1 (preferredBranchSurgery -> CareConnect-GPC-Location-1)"},
      {"inactive-patient-returned", "patient search returns inactive and deceased patients",
       "foundations_use_case_find_a_patient (SHALL only return active patients)"},
      {"search-returns-fields-not-allowed", "patient search populates maritalStatus and multipleBirthBoolean",
       "foundations_use_case_find_a_patient (SHALL NOT populate ...)"},
      {"register-duplicate-accepted", "registering an already registered patient succeeds instead of DUPLICATE_REJECTED",
       "foundations_use_case_register_a_patient#error-handling"},
      {"location-managing-org-missing", "Locations carry no managingOrganization",
       "development_branch_surgeries (each surgery's managingOrganization is the practice)"},
  };
  return all;
}

}  // namespace

const server::CapabilityModule& foundationsModule() {
  // Interaction ids are spelled out in full so they can be searched for and compared with the
  // spec's integration_interaction_ids page.
  static const server::CapabilityModule module{
      "foundations",
      "STU3/1/gpconnect",
      server::FhirGeneration::Stu3,
      {
          {"GET", "metadata", "organization/*.read", {{"urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1"}},
           server::capabilityStatementResponse},
          {"GET", "Patient/{id}", "patient/*.read", {{"urn:nhs:names:services:gpconnect:fhir:rest:read:patient-1"}},
           [](const Call& c) { return readPatient(serviceContextOf(c), id(c)); }},
          {"GET", "Patient", "patient/*.read", {{"urn:nhs:names:services:gpconnect:fhir:rest:search:patient-1"}},
           [](const Call& c) { return searchPatients(serviceContextOf(c), c.request); }},
          {"POST", "Patient/$gpc.registerpatient", "patient/*.write",
           {{"urn:nhs:names:services:gpconnect:fhir:operation:gpc.registerpatient-1"}},
           [](const Call& c) { return registerPatient(serviceContextOf(c), c.body); }},
          {"GET", "Practitioner/{id}", "organization/*.read",
           {{"urn:nhs:names:services:gpconnect:fhir:rest:read:practitioner-1"}},
           [](const Call& c) { return readPractitioner(serviceContextOf(c), id(c)); }},
          {"GET", "Practitioner", "organization/*.read",
           {{"urn:nhs:names:services:gpconnect:fhir:rest:search:practitioner-1"}},
           [](const Call& c) { return searchPractitioners(serviceContextOf(c), c.request); }},
          {"GET", "Organization/{id}", "organization/*.read",
           {{"urn:nhs:names:services:gpconnect:fhir:rest:read:organization-1"}},
           [](const Call& c) { return readOrganization(serviceContextOf(c), id(c)); }},
          {"GET", "Organization", "organization/*.read",
           {{"urn:nhs:names:services:gpconnect:fhir:rest:search:organization-1"}},
           [](const Call& c) { return searchOrganizations(serviceContextOf(c), c.request); }},
          {"GET", "Location/{id}", "organization/*.read", {{"urn:nhs:names:services:gpconnect:fhir:rest:read:location-1"}},
           [](const Call& c) { return readLocation(serviceContextOf(c), id(c)); }},
      },
      capabilityStatement,
      faults,
  };
  return module;
}

}  // namespace gpc::provider::foundations
