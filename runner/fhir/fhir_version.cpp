#include "runner/fhir/fhir_version.h"
#include "runner/fhir/json_access.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace gpc::fhir {
namespace {

constexpr std::string_view kDstu2Prefix = "http://fhir.nhs.net/";

std::optional<ModelVersion> versionOfClaim(std::string_view url) {
  if (url.starts_with("http://fhir.nhs.net/StructureDefinition/")) return ModelVersion::Dstu2;
  if (url.starts_with("https://fhir.nhs.uk/STU3/") || url.starts_with("https://fhir.hl7.org.uk/STU3/"))
    return ModelVersion::Stu3;
  return std::nullopt;
}

std::optional<ModelVersion> versionOfClaims(const nlohmann::json& resource) {
  if (!resource.is_object()) return std::nullopt;
  auto meta = resource.find("meta");
  if (meta == resource.end() || !meta->is_object()) return std::nullopt;
  auto profile = meta->find("profile");
  if (profile == meta->end()) return std::nullopt;
  if (profile->is_string()) return versionOfClaim(profile->get<std::string>());
  if (!profile->is_array()) return std::nullopt;
  for (const auto& p : *profile)
    if (p.is_string())
      if (auto v = versionOfClaim(p.get<std::string>())) return v;
  return std::nullopt;
}

}  // namespace

std::string_view modelVersionName(ModelVersion version) { return version == ModelVersion::Dstu2 ? "DSTU2" : "STU3"; }

std::optional<ModelVersion> parseModelVersion(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (lower == "dstu2" || lower.starts_with("1.0.")) return ModelVersion::Dstu2;
  if (lower == "stu3" || lower.starts_with("3.0.")) return ModelVersion::Stu3;
  return std::nullopt;
}

ModelVersion versionOfDefinitionUrl(std::string_view url) {
  return url.starts_with(kDstu2Prefix) ? ModelVersion::Dstu2 : ModelVersion::Stu3;
}

ModelVersion versionOfProfile(const RawProfile& profile) {
  if (auto declared = parseModelVersion(profile.fhirVersion)) return *declared;
  return versionOfDefinitionUrl(profile.url);
}

std::optional<ModelVersion> detectModelVersion(const nlohmann::json& resource) {
  if (auto v = versionOfClaims(resource)) return v;
  // Conformance was renamed CapabilityStatement in STU3, so the name alone tells.
  if (resourceTypeOf(resource) == "Conformance") return ModelVersion::Dstu2;
  if (resourceTypeOf(resource) != "Bundle") return std::nullopt;
  auto entries = resource.find("entry");
  if (entries == resource.end() || !entries->is_array()) return std::nullopt;
  for (const auto& entry : *entries)
    if (entry.is_object() && entry.contains("resource"))
      if (auto v = versionOfClaims(entry["resource"])) return v;
  return std::nullopt;
}

}  // namespace gpc::fhir
