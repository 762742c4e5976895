#include "runner/suite/target_requirements.h"

#include <cctype>

#include "runner/suite/template.h"

namespace gpc {
namespace {

bool isAtOrBelow(const std::string& used, const std::string& name) {
  return used == name || (used.size() > name.size() && used.compare(0, name.size(), name) == 0 && used[name.size()] == '.');
}

// FHIRPath environment variables: %patients.x.nhsNumber (the executor passes the target's sections).
bool usesAsFhirPathVariable(const std::string& text, const std::string& name) {
  const std::string marker = "%" + name;
  for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
    const auto after = at + marker.size();
    if (after == text.size() || !(std::isalnum(static_cast<unsigned char>(text[after])) || text[after] == '_')) return true;
  }
  return false;
}

bool jsonUses(const nlohmann::json& value, const std::string& name) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    for (const auto& used : referencedNames(text))
      if (isAtOrBelow(used, name)) return true;
    return usesAsFhirPathVariable(text, name);
  }
  if (value.is_array() || value.is_object()) {
    for (const auto& [k, v] : value.items())
      if ((value.is_object() && jsonUses(nlohmann::json(k), name)) || jsonUses(v, name)) return true;
  }
  return false;
}

}  // namespace

bool caseUsesVariable(const Case& c, const std::string& name) {
  for (const auto& step : c.steps) {
    if (jsonUses(step.request, name) || jsonUses(step.expect, name)) return true;
    for (const auto& cap : step.captures)
      if (jsonUses(nlohmann::json(cap.pointer), name) || jsonUses(nlohmann::json(cap.fhirpath), name)) return true;
  }
  for (const auto& [_, value] : c.variables)
    if (jsonUses(value, name)) return true;
  return false;
}

bool targetDefines(const nlohmann::json& targetTree, const std::string& name) {
  const nlohmann::json* node = &targetTree;
  std::size_t start = 0;
  while (true) {
    const auto dot = name.find('.', start);
    const auto part = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || part.empty()) return false;
    auto it = node->find(part);
    if (it == node->end() || it->is_null()) return false;
    node = &*it;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

std::optional<std::string> unmetRequirement(const Case& c, const nlohmann::json& targetTree) {
  for (const auto& name : c.requiredVariables)
    if (!targetDefines(targetTree, name))
      return "target does not define " + name + " (the case requires it: see docs/target-file.md)";
  return std::nullopt;
}

}  // namespace gpc
