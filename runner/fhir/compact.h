#pragma once
// The project's compact definition form (docs/validation.md): the raw model written as terse
// JSON, so profiles/ compiles to exactly what the official StructureDefinitions compile to.

#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/model.h"

namespace gpc::fhir {

struct RawDefinitions {
  std::vector<RawProfile> profiles;
  std::vector<RawValueSet> valueSets;
  std::vector<RawCodeSystem> codeSystems;
};

bool isCompactDocument(const nlohmann::json& document);
// Throws std::runtime_error naming `source` when the document is malformed.
void readCompact(const nlohmann::json& document, const std::string& source, RawDefinitions& into);
nlohmann::json writeCompact(const std::vector<const RawProfile*>& profiles,
                            const std::vector<const RawValueSet*>& valueSets,
                            const std::vector<const RawCodeSystem*>& codeSystems);

// Reads every definition file (official JSON/XML, or compact) below `dir`, in path order.
// Throws std::runtime_error naming the file on unreadable or invalid ones.
void readDefinitionDirectory(const std::filesystem::path& dir, RawDefinitions& into);

}  // namespace gpc::fhir
