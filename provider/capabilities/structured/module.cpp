// Access Record Structured 1.6.2: its CapabilityStatement, $gpc.getstructuredrecord and
// $gpc.migratestructuredrecord.
#include "provider/capabilities/structured/module.h"

#include "provider/capabilities/structured/structured_record.h"
#include "provider/records/record_call.h"
#include "provider/server/capability_statement.h"

namespace gpc::provider::structured {
namespace {

using nlohmann::json;
using server::Call;
using server::Response;

json capabilityStatement(const std::set<std::string>& faults) {
  json cs = server::stu3CapabilityStatement("GP Connect API - Access Record Structured", faults);
  cs["profile"] = server::capabilityProfiles({
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

const std::vector<FaultInfo>& faults() {
  static const std::vector<FaultInfo> all = {
      {"bundle-id-not-trace-id", "structured record Bundle.id is a fresh id, not the Ssp-TraceID",
       "accessrecord_structured_development_retrieve_patient_record#payload-response-body"},
      {"dangling-reference", "a List entry references a resource that is not in the Bundle",
       "accessrecord_structured_development_retrieve_patient_record#payload-response-body"},
      {"list-empty-reason-missing", "empty Lists carry no emptyReason and no note",
       "accessrecord_structured_development_list#empty-lists"},
      {"list-code-wrong", "the allergies List carries the problems SNOMED code",
       "accessrecord_structured_development_lists_for_message_structure"},
      {"no-warning-code", "Lists omit the confidential-items / data-in-transit warning codes",
       "accessrecord_structured_development_list#list-warning-codes"},
      {"bundle-fullurl-present", "structured Bundle entries carry fullUrl (forbidden)",
       "accessrecord_structured_development_retrieve_patient_record#payload-response-body"},
      {"forward-compat-rejected", "an unknown parameter is rejected with INVALID_PARAMETER instead of 200 + warning",
       "accessrecord_structured_development_version_compatibility"},
      {"medication-date-filter-wrong", "medicationSearchFromDate filters on start date only (drops repeats still active)",
       "accessrecord_structured_development_retrieve_patient_record#medication-search-from-date"},
      {"secondary-list-code-wrong", "secondary Lists are coded with the SNOMED CT system instead of GPConnect-SecondaryListValues-1",
       "accessrecord_structured_development_lists_for_message_structure (secondary lists)"},
      {"immunisation-status-ignored", "includeImmunisations.includeStatus=false still returns the immunisation status Observations",
       "accessrecord_structured_development_retrieve_patient_record (includeImmunisations.includeStatus)"},
      {"disabled-area-no-warning", "a disabled clinical area is silently left out: no OperationOutcome warning",
       "accessrecord_structured_development_clinical_area_config"},
      {"awaiting-filing-note-wrong", "the data-awaiting-filing note gives the date as yyyy-mm-dd instead of dd-Mmm-yyyy",
       "accessrecord_structured_development_list#list-warning-codes (data-awaiting-filing)"},
  };
  return all;
}

}  // namespace

const server::CapabilityModule& structuredModule() {
  static const server::CapabilityModule module{
      "structured",
      "STU3/1/gpconnect/structured",
      server::FhirGeneration::Stu3,
      {
          {"GET", "metadata", "organization/*.read",
           {{"urn:nhs:names:services:gpconnect:structured:fhir:rest:read:metadata-1"}},
           server::capabilityStatementResponse},
          {"POST", "Patient/$gpc.getstructuredrecord", "patient/*.read",
           {{"urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1"}},
           [](const Call& c) {
             return records::answerRecordCall(c, [&](const RecordContext& ctx) { return getStructuredRecord(ctx, c.body); });
           }},
          {"POST", "Patient/$gpc.migratestructuredrecord", "patient/*.read",
           {{"urn:nhs:names:services:gpconnect:fhir:operation:gpc.migratestructuredrecord-1", "migration"}},
           [](const Call& c) {
             return records::answerRecordCall(c,
                                              [&](const RecordContext& ctx) { return migrateStructuredRecord(ctx, c.body); });
           }},
      },
      capabilityStatement,
      faults,
  };
  return module;
}

}  // namespace gpc::provider::structured
