#include "runner/suite/fresh_values.h"

#include <algorithm>

#include "runner/request/generated.h"
#include "runner/suite/template.h"

namespace gpc {
namespace {

void collect(const nlohmann::json& value, std::vector<std::string>& names) {
  if (value.is_string()) {
    for (auto& name : referencedNames(value.get_ref<const std::string&>()))
      if (isGeneratedVariable(name) && std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(std::move(name));
  } else if (value.is_array() || value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      if (value.is_object()) collect(nlohmann::json(k), names);
      collect(v, names);
    }
  }
}

}  // namespace

std::vector<std::string> generatedNamesUsed(const Case& c) {
  std::vector<std::string> names;
  for (const auto& step : c.steps) {
    collect(step.request, names);
    collect(step.expect, names);
    for (const auto& cap : step.captures) {
      collect(nlohmann::json(cap.pointer), names);
      collect(nlohmann::json(cap.fhirpath), names);
    }
  }
  for (const auto& [_, value] : c.variables) collect(value, names);
  return names;
}

void attachFreshValues(Case& c, const std::map<std::string, FreshProbe>& probesByKind) {
  if (probesByKind.empty()) return;
  for (const auto& name : generatedNamesUsed(c)) {
    const auto kind = generatedKind(name);
    const auto it = kind ? probesByKind.find(*kind) : probesByKind.end();
    if (it == probesByKind.end()) continue;
    c.freshValues.push_back(FreshValue{name, it->second.probe, it->second.heldWhen});
  }
}

}  // namespace gpc
