#pragma once
// FHIR STU3 (GP Connect 1.6.x) and DSTU2 (Access Record: HTML 0.7.x) are separate model sets:
// a registry holds the definitions of exactly one version, so a DSTU2 resource is never judged by
// STU3 base rules (and Patient, Bundle, ... mean the version's own definitions).

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/compact.h"
#include "runner/fhir/validator.h"

namespace gpc::fhir {

enum class ModelVersion { Stu3, Dstu2 };

// "STU3" or "DSTU2".
std::string_view modelVersionName(ModelVersion version);
// "stu3"/"dstu2" (any case), or a FHIR release number ("3.0.1", "1.0.2"); nullopt otherwise.
std::optional<ModelVersion> parseModelVersion(std::string_view text);

// Which version a definition belongs to: a file-level declaration (compact documents carry
// "fhirVersion") wins; else DSTU2 for fhirVersion 1.0.x or GP Connect DSTU2 URLs
// (http://fhir.nhs.net/...), STU3 for everything else.
ModelVersion versionOfProfile(const RawProfile& profile);
ModelVersion versionOfDefinitionUrl(std::string_view url);

// The version a resource claims through meta.profile (its own or, for a Bundle, its entries'):
// DSTU2 for http://fhir.nhs.net/StructureDefinition/..., STU3 for https://fhir.nhs.uk/STU3/... and
// CareConnect; DSTU2 for a Conformance (STU3's CapabilityStatement); nullopt when nothing tells.
std::optional<ModelVersion> detectModelVersion(const nlohmann::json& resource);

// Reads every definition below `dir` that belongs to `version` (see versionOfProfile).
void readDefinitionDirectory(const std::filesystem::path& dir, RawDefinitions& into, ModelVersion version);

// Like ProfileRegistry::load, for one version: only that version's definitions from `dirs`; the
// version's core from the project's profiles/ when `dirs` lack it (hl7-stu3-core.json,
// hl7-dstu2-core.json). Throws std::runtime_error naming the file.
std::shared_ptr<const ProfileRegistry> loadRegistry(const std::vector<std::filesystem::path>& dirs,
                                                    ModelVersion version);
// The project's own profiles/ for one version.
std::shared_ptr<const ProfileRegistry> loadDefaultRegistry(ModelVersion version);

}  // namespace gpc::fhir
