#include "runner/suite/interactions.h"

#include <set>

#include "runner/core/json_input.h"

namespace gpc {

namespace ji = json_input;

std::string fhirJsonType(FhirVersion v) {
  return v == FhirVersion::DSTU2 ? "application/json+fhir" : "application/fhir+json";
}
std::string fhirXmlType(FhirVersion v) {
  return v == FhirVersion::DSTU2 ? "application/xml+fhir" : "application/fhir+xml";
}

namespace {

InteractionTable parseInteractions(const std::filesystem::path& file, const std::string& name) {
  auto doc = ji::parseFile(file.string(), name);
  ji::expect(doc, ji::Kind::Object, name, "");
  InteractionTable table;
  for (const auto& [key, value] : doc.items()) {
    const auto ptr = ji::child("", key);
    ji::expect(value, ji::Kind::Object, name, ptr);
    ji::checkKeys(value, name, ptr,
                  {"title", "interaction_id", "method", "path", "scope", "endpoint", "fhir", "reason_for_request", "kind"});
    Interaction in;
    in.name = key;
    in.interactionId = ji::required(value, "interaction_id", ji::Kind::String, name, ptr).get<std::string>();
    in.method = ji::required(value, "method", ji::Kind::String, name, ptr).get<std::string>();
    in.path = ji::required(value, "path", ji::Kind::String, name, ptr).get<std::string>();
    in.scope = ji::required(value, "scope", ji::Kind::String, name, ptr).get<std::string>();
    in.endpoint = ji::required(value, "endpoint", ji::Kind::String, name, ptr).get<std::string>();
    in.reasonForRequest = ji::optionalString(value, "reason_for_request", name, ptr, "directcare");
    ji::optional(value, "title", ji::Kind::String, name, ptr);
    auto fhir = ji::required(value, "fhir", ji::Kind::String, name, ptr).get<std::string>();
    if (fhir == "STU3") in.fhir = FhirVersion::STU3;
    else if (fhir == "DSTU2") in.fhir = FhirVersion::DSTU2;
    else throw LoadError(name, ji::child(ptr, "fhir"), "expected \"STU3\" or \"DSTU2\", got \"" + fhir + "\"");
    // Required: a new interaction must say which limits (250 ms or 3,000 ms) it is held to.
    const auto kind = ji::required(value, "kind", ji::Kind::String, name, ptr).get<std::string>();
    if (auto parsed = latency::parseKind(kind)) in.kind = *parsed;
    else throw LoadError(name, ji::child(ptr, "kind"), "expected \"query\" or \"command\", got \"" + kind + "\"");
    if (in.path.empty() || in.path.front() != '/')
      throw LoadError(name, ji::child(ptr, "path"), "a path starts with '/'");
    table.emplace(key, std::move(in));
  }
  return table;
}

}  // namespace

InteractionTable loadInteractions(const std::filesystem::path& file) {
  const std::string name = file.parent_path().filename().string() + "/" + file.filename().string();
  return ji::namingFile(name, [&] { return parseInteractions(file, name); });
}

std::vector<std::string> endpointGroups(const InteractionTable& interactions) {
  std::set<std::string> fromTable;
  for (const auto& [_, interaction] : interactions) fromTable.insert(interaction.endpoint);
  fromTable.erase(std::string(kMutualTlsGroup));  // listed last, whatever the table says
  std::vector<std::string> groups(fromTable.begin(), fromTable.end());
  groups.emplace_back(kMutualTlsGroup);
  return groups;
}

}  // namespace gpc
