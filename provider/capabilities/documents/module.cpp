// Access Document 1.6.2: its CapabilityStatement, the documents Patient search,
// DocumentReference search and Binary retrieve/migrate.
#include "provider/capabilities/documents/module.h"

#include "provider/capabilities/documents/documents.h"
#include "provider/capabilities/foundations/module.h"
#include "provider/capabilities/foundations/patient.h"
#include "provider/records/record_call.h"
#include "provider/server/capability_statement.h"

namespace gpc::provider::documents {
namespace {

using nlohmann::json;
using server::Call;
using server::Response;

json capabilityStatement(const std::set<std::string>& faults) {
  json cs = server::stu3CapabilityStatement("GP Connect API - Access Document", faults);
  cs["profile"] = server::capabilityProfiles({"CareConnect-GPC-Patient-1/_history/1.8", "CareConnect-GPC-Organization-1/_history/1.4",
                            "CareConnect-GPC-Practitioner-1/_history/1.3", "CareConnect-GPC-PractitionerRole-1/_history/1.2",
                            "GPConnect-OperationOutcome-1/_history/1.2", "CareConnect-GPC-DocumentReference-1/_history/1.3",
                            "GPConnect-Searchset-Bundle-1/_history/1.3"});
  json docRef = server::capabilityResource("DocumentReference", {"search-type"},
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
          server::capabilityResource("Patient", {"search-type"}, server::identifierSearchParam("NHS Number", "https://fhir.nhs.uk/Id/nhs-number")),
          server::capabilityResource("Binary", {"read"}), docRef})},
  }});
  return cs;
}

const std::vector<FaultInfo>& faults() {
  static const std::vector<FaultInfo> all = {
      {"binary-oversize-served", "Binary retrieve serves documents over 5 MB instead of NO_RECORD_FOUND",
       "access_documents_development_documents_guidance#document-size"},
      {"documents-include-not-required", "DocumentReference search accepts a request missing mandatory _include parameters",
       "access_documents_development_search_patient_documents"},
  };
  return all;
}

}  // namespace

const server::CapabilityModule& documentsModule() {
  static const server::CapabilityModule module{
      "documents",
      "STU3/1/gpconnect/documents",
      server::FhirGeneration::Stu3,
      {
          {"GET", "metadata", "organization/*.read",
           {{"urn:nhs:names:services:gpconnect:documents:fhir:rest:read:metadata-1"}},
           server::capabilityStatementResponse},
          {"GET", "Patient", "patient/*.read", {{"urn:nhs:names:services:gpconnect:documents:fhir:rest:search:patient-1"}},
           [](const Call& c) { return foundations::searchPatients(foundations::serviceContextOf(c), c.request, true); }},
          {"GET", "Patient/{id}/DocumentReference", "patient/*.read",
           {{"urn:nhs:names:services:gpconnect:documents:fhir:rest:search:documentreference-1"}},
           [](const Call& c) {
             return records::answerRecordCall(c, [&](const RecordContext& ctx) {
               return searchDocumentReferences(ctx, c.ids.front(), c.request.query);
             });
           }},
          {"GET", "Binary/{id}", "patient/*.read",
           {{"urn:nhs:names:services:gpconnect:documents:fhir:rest:read:binary-1"},
            {"urn:nhs:names:services:gpconnect:documents:fhir:rest:migrate:binary-1", "migration"}},
           [](const Call& c) {
             // Retrieve refuses documents over 5 MB; migrate (its own interaction id) does not.
             const BinaryAccess access =
                 c.interaction.reasonForRequest == "migration" ? BinaryAccess::Migrate : BinaryAccess::Retrieve;
             return records::answerRecordCall(c,
                                              [&](const RecordContext& ctx) { return readBinary(ctx, c.ids.front(), access); });
           }},
      },
      capabilityStatement,
      faults,
  };
  return module;
}

}  // namespace gpc::provider::documents
