// Access Document 1.6.2: DocumentReference search over the patient's documents and Binary
// retrieve/migrate of their content.
#include "provider/capabilities/documents/documents.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "provider/records/fhir_build.h"
#include "provider/records/patient_access.h"
#include "provider/records/record_dates.h"
#include "provider/records/record_store.h"

namespace gpc::provider::documents {
using namespace records;  // the record vocabulary this capability is built on

using json = nlohmann::json;
namespace {

constexpr size_t kRetrieveLimit = 5 * 1024 * 1024;  // access_documents_development_documents_guidance

const std::vector<std::string> kRequiredIncludes = {
    "DocumentReference:subject:Patient", "DocumentReference:custodian:Organization", "DocumentReference:author:Organization",
    "DocumentReference:author:Practitioner"};

RecordResponse fail(const std::string& code, const std::string& diagnostics) {
  RecordResponse r;
  r.error = spineError(code, diagnostics);
  r.status = r.error->httpStatus;
  return r;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string base64(const std::string& in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
    out += table[v & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += i + 1 < in.size() ? table[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

struct Filters {
  std::string createdFrom, createdTo, authorOds, description;
};

}  // namespace

RecordResponse searchDocumentReferences(const RecordContext& ctx, std::string_view patientId, const QueryParams& query) {
  std::set<std::string> includes;
  bool revinclude = false;
  Filters f;
  for (const auto& [name, value] : query) {
    if (name == "_include") {
      includes.insert(value);
    } else if (name == "_revinclude:recurse" || name == "_revinclude") {
      revinclude |= value == "PractitionerRole:practitioner";
    } else if (name == "created") {
      const std::string prefix = value.substr(0, 2), date = value.size() > 2 ? value.substr(2) : "";
      if ((prefix != "ge" && prefix != "le") || !isWholeDate(date))
        return fail("INVALID_PARAMETER", "created '" + value + "' must be ge<yyyy-mm-dd> or le<yyyy-mm-dd>");
      (prefix == "ge" ? f.createdFrom : f.createdTo) = date;
    } else if (name == "author") {
      const std::string system = "https://fhir.nhs.uk/Id/ods-organization-code|";
      if (value.rfind(system, 0) != 0 || value.size() == system.size())
        return fail("INVALID_PARAMETER", "author '" + value + "' must be " + system + "<ODS code>");
      f.authorOds = value.substr(system.size());
    } else if (name == "description") {
      f.description = lower(value);
    } else if (name != "_format") {
      return fail("INVALID_PARAMETER", name + " is not a supported DocumentReference search parameter");
    }
  }
  if (!ctx.fault("documents-include-not-required")) {
    for (const auto& inc : kRequiredIncludes) {
      if (!includes.count(inc)) return fail("INVALID_PARAMETER", "_include=" + inc + " is required");
    }
    if (!revinclude) return fail("INVALID_PARAMETER", "_revinclude:recurse=PractitionerRole:practitioner is required");
  }
  const auto access = resolvePatientById(ctx, patientId, DeceasedRule::WithinWindow);
  if (access.error) return fail(access.error->code, access.error->diagnostics);

  const json& patient = *access.patient;
  json entries = json::array();
  std::set<std::string> present;
  auto add = [&](const json& r) {
    const std::string key = r.value("resourceType", "") + "/" + r.value("id", "");
    if (!present.insert(key).second) return;
    // GPConnect-Searchset-Bundle-1 forbids entry.search (0..0), and total.
    entries.push_back({{"fullUrl", ctx.baseUrl + "/" + key}, {"resource", r}});
  };
  add(patient);
  const std::string orgRef = patient.value("managingOrganization", json::object()).value("reference", "");
  std::string practiceId = orgRef.rfind("Organization/", 0) == 0 ? orgRef.substr(13) : "";
  if (const json* org = ctx.directory->resource("Organization", practiceId)) add(*org);
  for (const auto& gp : patient.value("generalPractitioner", json::array())) {
    const std::string ref = gp.value("reference", "");
    if (ref.rfind("Practitioner/", 0) != 0) continue;
    if (const json* p = ctx.directory->resource("Practitioner", ref.substr(13))) add(*p);
    for (const json* role : ctx.directory->rolesOfPractitioner(ref.substr(13))) add(*role);
  }
  const json docs = access.record ? access.record->data.value("documents", json::array()) : json::array();
  for (const auto& doc : docs) {
    const std::string created = doc.value("created", doc.value("indexed", ""));
    if (!f.createdFrom.empty() && created.substr(0, 10) < f.createdFrom) continue;
    if (!f.createdTo.empty() && created.substr(0, 10) > f.createdTo) continue;
    if (!f.authorOds.empty() && doc.value("author", "") != f.authorOds) continue;
    if (!f.description.empty() && lower(doc.value("description", "")).find(f.description) == std::string::npos &&
        lower(doc["type"][1].get<std::string>()).find(f.description) == std::string::npos)
      continue;
    const DocumentContent* content = ctx.store->binary(doc.value("binary", ""));
    json ref = {{"resourceType", "DocumentReference"},
                {"id", doc["id"]},
                {"meta", fhir::meta("CareConnect-GPC-DocumentReference-1")},
                {"identifier", json::array({fhir::businessIdentifier(doc["id"].get<std::string>())})},
                {"status", "current"},
                {"type", fhir::snomedConcept(doc["type"])},
                {"subject", fhir::reference("Patient", patient.value("id", ""))},
                {"indexed", fhir::dateTime(doc.value("indexed", doc.value("created", "")))},
                {"description", doc.value("description", "")},
                {"content", json::array({{{"attachment", {{"contentType", doc.value("contentType", "")},
                                                          {"url", ctx.baseUrl + "/Binary/" + doc.value("binary", "")},
                                                          {"size", content ? content->bytes.size() : 0}}}}})}};
    ref["meta"]["versionId"] = "1";
    if (doc.contains("created")) ref["created"] = fhir::dateTime(doc.value("created", ""));
    if (content && content->bytes.size() > kRetrieveLimit)
      ref["content"][0]["attachment"]["title"] = "The document is larger than 5 MB and cannot be retrieved through GP Connect";
    if (!practiceId.empty()) ref["custodian"] = fhir::reference("Organization", practiceId);
    // The author is an organisation by ODS code; it joins the bundle when the data pack knows it.
    const std::string authorOds = doc.value("author", "");
    if (const json* org = ctx.directory->organizationByOds(authorOds)) {
      ref["author"] = json::array({fhir::reference("Organization", org->value("id", ""))});
      add(*org);
    } else {
      ref["author"] = json::array({{{"identifier", {{"system", "https://fhir.nhs.uk/Id/ods-organization-code"}, {"value", authorOds}}}}});
    }
    add(ref);
  }
  RecordResponse out;
  out.body = {{"resourceType", "Bundle"},
              {"id", ctx.traceId},
              {"meta", fhir::meta("GPConnect-Searchset-Bundle-1")},
              {"type", "searchset"},
              {"entry", entries}};
  return out;
}

RecordResponse readBinary(const RecordContext& ctx, std::string_view binaryId, BinaryAccess access) {
  const DocumentContent* content = ctx.store->binary(binaryId);
  if (!content) return fail("NO_RECORD_FOUND", "No document with Binary id " + std::string(binaryId));
  if (access == BinaryAccess::Retrieve && content->bytes.size() > kRetrieveLimit && !ctx.fault("binary-oversize-served"))
    return fail("NO_RECORD_FOUND", "Binary " + std::string(binaryId) + " is " + std::to_string(content->bytes.size()) +
                                       " bytes, over the 5 MB retrieve limit; use migrate");
  RecordResponse out;
  out.body = {{"resourceType", "Binary"},
              {"id", content->binaryId},
              {"meta", {{"versionId", "1"}}},
              {"contentType", content->contentType},
              {"content", base64(content->bytes)}};
  return out;
}

}  // namespace gpc::provider::documents
