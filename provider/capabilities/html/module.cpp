// Access Record HTML 0.7.4 (DSTU2): its Conformance and $gpc.getcarerecord.
#include "provider/capabilities/html/module.h"

#include "gpc/build_paths.h"

#include <optional>
#include <string>

#include "provider/capabilities/html/html_record.h"
#include "provider/server/spine_errors.h"
#include "provider/records/record_call.h"
#include "provider/server/capability_statement.h"
#include "provider/server/faults.h"

namespace gpc::provider::html {
namespace {

using nlohmann::json;
using server::Call;
using server::Response;

// DSTU2 Conformance (0.7.x uses resourceType Conformance, fhirVersion 1.0.2).
json conformance(const std::set<std::string>& faults) {
  json formats = {"application/json+fhir"};
  if (!server::hasFault(faults, "capability-no-xml-format")) formats.push_back("application/xml+fhir");
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

// 0.7.x: the requested_record claim names the patient whose record is asked for; it must be the
// patientNHSNumber of the body (official 0.7.3 JWT.feature: mismatch => 400).
std::optional<std::string> requestedRecordMismatch(const json& claims, const json& parameters) try {
  const json& record = claims.contains("requested_record") ? claims["requested_record"] : json();
  if (!record.is_object() || record.value("resourceType", "") != "Patient") return std::nullopt;
  std::string claimed, requested;
  for (const auto& id : record.value("identifier", json::array()))
    if (id.is_object() && id.value("system", "") == "http://fhir.nhs.net/Id/nhs-number") claimed = id.value("value", "");
  if (parameters.is_object())
    for (const auto& p : parameters.value("parameter", json::array()))
      if (p.is_object() && p.value("name", "") == "patientNHSNumber" && p.contains("valueIdentifier") &&
          p["valueIdentifier"].is_object())
        requested = p["valueIdentifier"].value("value", "");
  if (claimed.empty() || requested.empty() || claimed == requested) return std::nullopt;
  return "JWT: requested_record NHS number " + claimed + " is not the requested patientNHSNumber " + requested;
} catch (const json::exception&) {
  return std::nullopt;  // a malformed body is the operation's to reject, with its own diagnostics
}

Response careRecord(const Call& c) {
  if (auto mismatch = requestedRecordMismatch(c.claims, c.body)) {
    Response r;
    r.status = server::errorStatus("BAD_REQUEST", c.faults);
    r.body = server::operationOutcome("BAD_REQUEST", *mismatch, c.faults, true);
    return r;
  }
  return records::answerRecordCall(c, [&](const RecordContext& ctx) { return getCareRecord(ctx, c.body); });
}

const std::vector<FaultInfo>& faults() {
  static const std::vector<FaultInfo> all = {
      {"html-column-order-wrong", "HTML tables swap their first two column headers",
       "accessrecord_html_layout#table-columns"},
      {"html-script", "HTML section contains a <script> element", "accessrecord_development_html_implementation_guide"},
      {"html-entity", "HTML section uses a named entity (&nbsp;) instead of &#160;",
       "accessrecord_development_html_implementation_guide"},
      {"html-event-attribute", "HTML section headings carry an onclick event attribute",
       "accessrecord_development_html_implementation_guide (FHIR narrative: no event attributes)"},
      {"html-malformed", "HTML section heading <h1> is never closed (not well-formed XHTML)",
       "accessrecord_development_html_implementation_guide (FHIR narrative: well-formed XHTML)"},
      {"html-emergency-codes-empty", "the Summary's Emergency Codes table never lists the patient's emergency codes",
       "accessrecord_html_layout; view page Summary (Emergency Codes: a row per emergency code)"},
      {"html-composition-profile-invalid", "the care record Composition has no type (Composition.type is 1..1)",
       "accessrecord_use_case_retrieve_a_care_record_section#response; gpconnect-carerecord-composition-1"},
      {"html-last-encounters-all", "the Summary's Last 3 Encounters lists every encounter",
       "accessrecord_html_layout; view page Summary (Last 3 Encounters)"},
  };
  return all;
}

}  // namespace

const server::CapabilityModule& htmlModule() {
  static const server::CapabilityModule module{
      "html",
      "DSTU2/1/gpconnect",
      server::FhirGeneration::Dstu2,
      {
          {"GET", "metadata", "organization/*.read", {{"urn:nhs:names:services:gpconnect:fhir:rest:read:metadata"}},
           server::capabilityStatementResponse},
          {"POST", "Patient/$gpc.getcarerecord", "patient/*.read",
           {{"urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord"}}, careRecord},
      },
      conformance,
      faults,
  };
  return module;
}

}  // namespace gpc::provider::html
