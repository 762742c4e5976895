// Access Record HTML 0.7.4 (DSTU2) $gpc.getcarerecord: parameters checked (html_request), the
// patient resolved with the 28-day deceased window, the section view built from the patient's
// record (html_sections) and written as XHTML (html_xhtml) into a searchset Bundle's Composition.
#include "provider/capabilities/html/html_record.h"

#include "provider/records/fhir_build.h"
#include "provider/capabilities/html/html_dstu2.h"
#include "provider/capabilities/html/html_request.h"
#include "provider/capabilities/html/html_sections.h"
#include "provider/records/html_time_frames.h"
#include "provider/capabilities/html/html_xhtml.h"
#include "provider/records/patient_access.h"

namespace gpc::provider::html {
using namespace records;  // the record vocabulary this capability is built on
namespace {

using nlohmann::json;

RecordResponse failed(SpineError e) {
  RecordResponse r;
  r.status = e.httpStatus;
  r.error = std::move(e);
  return r;
}

std::string idOf(const json& reference) {
  const std::string ref = reference.value("reference", "");
  const auto slash = ref.find('/');
  return slash == std::string::npos ? std::string() : ref.substr(slash + 1);
}

std::string entryUrl(const std::string& serviceRoot, const json& resource) {
  return serviceRoot + "/" + resource.value("resourceType", "") + "/" + resource.value("id", "");
}

json composition(const RecordContext& ctx, const html::SectionView& view, const json& patient, const json& organization,
                 const std::string& deviceId) {
  const json sectionCode = {{"coding", json::array({{{"system", std::string(html::kRecordSectionSystem)}, {"code", view.code}, {"display", view.title}}})},
                            {"text", view.title}};
  return {{"resourceType", "Composition"},
          {"id", fhir::stableUuid("composition/" + ctx.traceId)},
          {"meta", {{"profile", json::array({std::string(html::kDstu2Profiles) + "gpconnect-carerecord-composition-1"})}}},
          {"date", ctx.today + "T00:00:00+00:00"},
          {"type", {{"coding", json::array({fhir::coding(fhir::kSnomed, "425173008", "record extract (record artifact)")})}}},
          {"title", "Patient Care Record"},
          {"status", "final"},
          {"subject", {{"reference", "Patient/" + patient.value("id", "")}}},
          {"author", json::array({{{"reference", "Device/" + deviceId}}})},
          {"custodian", {{"reference", "Organization/" + organization.value("id", "")}, {"display", organization.value("name", "")}}},
          {"section", json::array({{{"title", view.title},
                                    {"code", sectionCode},
                                    {"text", {{"status", "generated"}, {"div", html::renderXhtml(view, ctx.faults)}}}}})}};
}

}  // namespace

RecordResponse getCareRecord(const RecordContext& ctx, const nlohmann::json& parameters) {
  const auto parsed = html::parseCareRecordRequest(parameters);
  if (const auto* e = std::get_if<SpineError>(&parsed)) return failed(*e);
  const auto& request = std::get<html::CareRecordRequest>(parsed);

  // The HTML spec allows a deceased patient's record for a configurable window (28 days).
  const PatientAccess access = resolvePatient(ctx, request.nhsNumber, DeceasedRule::WithinWindow);
  if (access.error) return failed(*access.error);

  const json* organization = ctx.directory->organizationByOds(ctx.odsCode);
  if (!organization && access.patient->contains("managingOrganization")) {
    organization = ctx.directory->resource("Organization", idOf((*access.patient)["managingOrganization"]));
  }
  if (!organization) return failed(spineError("INTERNAL_SERVER_ERROR", "No Organization for ODS code " + ctx.odsCode + " in the data pack"));

  const auto& timeFrames = ctx.store->htmlTimeFrames();
  const auto months = timeFrames.find(request.section);
  html::ViewRequest viewRequest{request.section, request.from, request.to, request.periodGiven, ctx.today, access.status.transferDate,
                                organization->value("name", ""), months == timeFrames.end() ? 0 : months->second, ctx.faults};
  const html::SectionView view = html::buildSection(viewRequest, access.record ? &access.record->data : nullptr);

  const json device = html::referenceProviderDevice(organization->value("id", ""));
  json entries = json::array();
  json compositionResource = composition(ctx, view, *access.patient, *organization, device["id"]);
  // Fault: Composition.type (1..1 in DSTU2 and gpconnect-carerecord-composition-1) left out, a
  // defect only profile validation sees.
  if (ctx.fault("html-composition-profile-invalid")) compositionResource.erase("type");
  entries.push_back({{"resource", std::move(compositionResource)}});
  entries.push_back({{"resource", html::dstu2Patient(*access.patient)}});
  for (const auto& gp : access.patient->value("generalPractitioner", json::array())) {
    if (const json* practitioner = ctx.directory->resource("Practitioner", idOf(gp))) {
      entries.push_back({{"resource", html::dstu2Practitioner(*practitioner)}});
    }
  }
  entries.push_back({{"resource", html::dstu2Organization(*organization)}});
  entries.push_back({{"resource", device}});
  // DSTU2 bdl-6: an entry with a resource has a fullUrl; in a searchset that is the resource's
  // absolute URL on the service root (Bundle.entry.fullUrl, FHIR DSTU2 bundle.html).
  for (auto& e : entries) e["fullUrl"] = entryUrl(ctx.baseUrl, e["resource"]);

  // searchset, as the 0.7.4 retrieve-a-care-record-section page and its response example say;
  // one branch of the official 0.7.3 suite asserts type "document" instead (not followed).
  RecordResponse r;
  r.body = {{"resourceType", "Bundle"}, {"id", ctx.traceId}, {"type", "searchset"}, {"entry", std::move(entries)}};
  r.contentType = "application/json+fhir";
  return r;
}

}  // namespace gpc::provider::html
