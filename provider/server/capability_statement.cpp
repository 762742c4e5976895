#include "provider/server/capability_statement.h"

#include "gpc/build_paths.h"

#include "provider/server/faults.h"

namespace gpc::provider::server {
namespace {

using nlohmann::json;

const std::string kSd = "https://fhir.nhs.uk/STU3/StructureDefinition/";

}  // namespace

json capabilityProfiles(std::initializer_list<std::string> names) {
  json out = json::array();
  for (const auto& n : names) out.push_back({{"reference", n.starts_with("https://") ? n : kSd + n}});
  return out;
}

json identifierSearchParam(const std::string& what, const std::string& system) {
  return json::array({{{"name", "identifier"}, {"type", "token"},
                       {"documentation", what + " (i.e. " + system + "|[value])"}}});
}

json capabilityResource(const std::string& type, std::initializer_list<const char*> interactions, json searchParams) {
  json r = {{"type", type}, {"interaction", json::array()}};
  for (const char* i : interactions) r["interaction"].push_back({{"code", i}});
  if (!searchParams.is_null()) r["searchParam"] = std::move(searchParams);
  return r;
}

json stu3CapabilityStatement(const std::string& name, const std::set<std::string>& faults) {
  json formats = {"application/fhir+json"};
  if (!hasFault(faults, "capability-no-xml-format")) formats.push_back("application/fhir+xml");
  return {{"resourceType", "CapabilityStatement"},
          {"version", "1.6.2"},
          {"name", name},
          {"status", "active"},
          {"date", "2024-03-01"},
          {"publisher", "gpc-assure"},
          {"description", "gpc-assure reference provider: GP Connect API version 1.6.2"},
          {"kind", "instance"},
          {"software", {{"name", "gpc-assure reference provider"}, {"version", GPC_VERSION}}},
          {"fhirVersion", hasFault(faults, "capability-wrong-fhir-version") ? "1.0.2" : "3.0.1"},
          {"acceptUnknown", "both"},
          {"format", formats}};
}

}  // namespace gpc::provider::server
