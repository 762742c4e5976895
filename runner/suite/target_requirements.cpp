#include "runner/suite/target_requirements.h"

#include <algorithm>
#include <cctype>

#include "runner/suite/template.h"
#include "runner/suite/variable_names.h"

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

// Every {name} in the strings (and object keys) of `value`, appended to `names` once each.
void collectNames(const nlohmann::json& value, std::vector<std::string>& names) {
  auto add = [&names](const std::string& text) {
    for (auto& used : referencedNames(text))
      if (std::find(names.begin(), names.end(), used) == names.end()) names.push_back(std::move(used));
  };
  if (value.is_string()) add(value.get_ref<const std::string&>());
  if (value.is_object())
    for (const auto& [k, v] : value.items()) add(k), collectNames(v, names);
  if (value.is_array())
    for (const auto& v : value) collectNames(v, names);
}

}  // namespace

std::vector<std::string> targetVariablesUsed(const Case& c) {
  std::vector<std::string> names;
  for (const auto& step : c.steps) {
    collectNames(step.request, names);
    collectNames(step.expect, names);
  }
  for (const auto& [_, value] : c.variables) collectNames(value, names);
  // A suite variable of the same name wins over the target at run time (runner/request/variables.cpp).
  std::erase_if(names, [&c](const std::string& name) { return c.variables.contains(name) || !isTargetVariable(name); });
  return names;
}

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
    if (part.empty()) return false;
    if (node->is_array() && part.find_first_not_of("0123456789") == std::string::npos) {
      // As the run-time lookup reads it: {practitioners.x.roles.0} is an array element.
      const auto index = std::stoul(part);
      if (index >= node->size()) return false;
      node = &(*node)[index];
    } else {
      if (!node->is_object()) return false;
      auto it = node->find(part);
      if (it == node->end() || it->is_null()) return false;
      node = &*it;
    }
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

std::optional<std::string> unmetRequirement(const Case& c, const nlohmann::json& targetTree) {
  for (const auto& name : c.requiredVariables)
    if (!targetDefines(targetTree, name))
      return "target does not define " + name + " (the case requires it: see docs/target-file.md)";
  // Undeclared but as unmet: without this the case would error on an unknown variable, which
  // says nothing about the provider (a data pack without patient9 is a target choice).
  for (const auto& name : targetVariablesUsed(c))
    if (!targetDefines(targetTree, name))
      return "target does not define " + name + " (the case uses {" + name + "}: see docs/target-file.md)";
  return std::nullopt;
}

}  // namespace gpc
