#include "provider/core/interactions.h"

#include <array>
#include <cctype>

namespace gpc::provider::core {
namespace {

constexpr std::string_view kNs = "urn:nhs:names:services:gpconnect:";

std::vector<std::string_view> ids(std::initializer_list<std::string_view> list) { return list; }

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (!path.empty() && path.back() == '/') out.emplace_back();  // a trailing slash is its own (empty) segment
  return out;
}

// FHIR logical id: [A-Za-z0-9\-\.]{1,64}.
bool isLogicalId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
  return true;
}

bool matches(std::string_view pattern, const std::vector<std::string>& segments, std::vector<std::string>& out) {
  const auto parts = split(pattern);
  if (parts.size() != segments.size()) return false;
  std::vector<std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == "{id}") {
      if (!isLogicalId(segments[i])) return false;
      found.push_back(segments[i]);
    } else if (parts[i] != segments[i]) {
      return false;
    }
  }
  out = std::move(found);
  return true;
}

}  // namespace

const std::vector<InteractionDef>& interactions() {
  // Interaction ids are spelled out in full so they can be searched for and compared with the
  // spec's integration_interaction_ids page.
  static const std::vector<InteractionDef> table = {
      {Op::Metadata, Endpoint::Foundations, "GET", "metadata",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1"}), "organization/*.read"},
      {Op::PatientRead, Endpoint::Foundations, "GET", "Patient/{id}",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:read:patient-1"}), "patient/*.read"},
      {Op::PatientSearch, Endpoint::Foundations, "GET", "Patient",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:search:patient-1"}), "patient/*.read"},
      {Op::RegisterPatient, Endpoint::Foundations, "POST", "Patient/$gpc.registerpatient",
       ids({"urn:nhs:names:services:gpconnect:fhir:operation:gpc.registerpatient-1"}), "patient/*.write"},
      {Op::PractitionerRead, Endpoint::Foundations, "GET", "Practitioner/{id}",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:read:practitioner-1"}), "organization/*.read"},
      {Op::PractitionerSearch, Endpoint::Foundations, "GET", "Practitioner",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:search:practitioner-1"}), "organization/*.read"},
      {Op::OrganizationRead, Endpoint::Foundations, "GET", "Organization/{id}",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:read:organization-1"}), "organization/*.read"},
      {Op::OrganizationSearch, Endpoint::Foundations, "GET", "Organization",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:search:organization-1"}), "organization/*.read"},
      {Op::LocationRead, Endpoint::Foundations, "GET", "Location/{id}",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:read:location-1"}), "organization/*.read"},
      {Op::StructuredMetadata, Endpoint::Structured, "GET", "metadata",
       ids({"urn:nhs:names:services:gpconnect:structured:fhir:rest:read:metadata-1"}), "organization/*.read"},
      {Op::GetStructuredRecord, Endpoint::Structured, "POST", "Patient/$gpc.getstructuredrecord",
       ids({"urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1"}), "patient/*.read"},
      {Op::MigrateStructuredRecord, Endpoint::Structured, "POST", "Patient/$gpc.migratestructuredrecord",
       ids({"urn:nhs:names:services:gpconnect:fhir:operation:gpc.migratestructuredrecord-1"}), "patient/*.read"},
      {Op::DocumentsMetadata, Endpoint::Documents, "GET", "metadata",
       ids({"urn:nhs:names:services:gpconnect:documents:fhir:rest:read:metadata-1"}), "organization/*.read"},
      {Op::DocumentsPatientSearch, Endpoint::Documents, "GET", "Patient",
       ids({"urn:nhs:names:services:gpconnect:documents:fhir:rest:search:patient-1"}), "patient/*.read"},
      {Op::DocumentReferenceSearch, Endpoint::Documents, "GET", "Patient/{id}/DocumentReference",
       ids({"urn:nhs:names:services:gpconnect:documents:fhir:rest:search:documentreference-1"}), "patient/*.read"},
      {Op::BinaryRead, Endpoint::Documents, "GET", "Binary/{id}",
       ids({"urn:nhs:names:services:gpconnect:documents:fhir:rest:read:binary-1",
            "urn:nhs:names:services:gpconnect:documents:fhir:rest:migrate:binary-1"}),
       "patient/*.read"},
      {Op::HtmlMetadata, Endpoint::Html, "GET", "metadata",
       ids({"urn:nhs:names:services:gpconnect:fhir:rest:read:metadata"}), "organization/*.read"},
      {Op::GetCareRecord, Endpoint::Html, "POST", "Patient/$gpc.getcarerecord",
       ids({"urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord"}), "patient/*.read"},
  };
  return table;
}

bool isKnownInteractionId(std::string_view id) {
  if (!id.starts_with(kNs)) return false;
  for (const auto& def : interactions())
    for (auto known : def.interactionIds)
      if (known == id) return true;
  return false;
}

RouteMatch resolveRoute(std::string_view method, std::string_view path, std::string_view odsCode) {
  RouteMatch out;
  const std::string stu3 = "/" + std::string(odsCode) + "/STU3/1/gpconnect";
  const std::string dstu2 = "/" + std::string(odsCode) + "/DSTU2/1/gpconnect";
  // Longest roots first: structured and documents live under the Foundations segment.
  const std::array<std::pair<std::string, Endpoint>, 4> roots = {{
      {stu3 + "/structured", Endpoint::Structured},
      {stu3 + "/documents", Endpoint::Documents},
      {stu3, Endpoint::Foundations},
      {dstu2, Endpoint::Html},
  }};
  for (const auto& [root, endpoint] : roots) {
    if (path.size() > root.size() + 1 && path.starts_with(root) && path[root.size()] == '/') {
      out.endpoint = endpoint;
      out.serviceRoot = root;
      break;
    }
  }
  if (!out.endpoint) return out;
  const auto segments = split(path.substr(out.serviceRoot.size() + 1));
  for (const auto& def : interactions()) {
    if (def.endpoint != *out.endpoint) continue;
    std::vector<std::string> found;
    if (!matches(def.path, segments, found)) continue;
    if (def.method == method) {
      out.interaction = &def;
      out.ids = std::move(found);
      out.wrongMethod = false;
      return out;
    }
    out.wrongMethod = true;
    if (!out.interaction) {
      out.interaction = &def;  // kept so a fault can serve it anyway
      out.ids = std::move(found);
    }
  }
  return out;
}

}  // namespace gpc::provider::core
