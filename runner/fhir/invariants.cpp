#include "runner/fhir/invariants.h"

namespace gpc::fhir {

InvariantCompiler::InvariantCompiler(const ProfileRegistry& registry) {
  std::unordered_map<std::string, Compiled> byText;  // one compilation per expression text
  for (const auto& [url, profile] : registry.data().profiles) {
    const auto& constraints = profile->raw.constraints;
    for (const ElementNode& node : profile->nodes) {
      std::vector<Compiled> list;
      for (const auto& key : node.def->constraintKeys) {
        // Checked natively by the validator (ref-1: references.cpp resolves every "#id").
        if (key == "ele-1" || key == "ext-1" || key == "ref-1") continue;
        auto it = constraints.find(key);
        if (it == constraints.end() || it->second.expression.empty()) continue;
        auto compiled = byText.find(it->second.expression);
        if (compiled == byText.end()) {
          Compiled entry;
          try {
            entry.expression = std::make_shared<const fhirpath::Expression>(fhirpath::parse(it->second.expression));
            entry.vacuousWithout = fhirpath::notFalseWhenAbsent(*entry.expression);
            entry.trueWithAny = fhirpath::trueWhenAnyPresent(*entry.expression);
          } catch (const std::exception& e) {
            entry.parseError = e.what();
          }
          compiled = byText.emplace(it->second.expression, std::move(entry)).first;
        }
        Compiled forNode = compiled->second;
        forNode.constraint = &it->second;
        list.push_back(std::move(forNode));
      }
      if (!list.empty()) byNode_.emplace(&node, std::move(list));
    }
  }
}

const std::vector<InvariantCompiler::Compiled>* InvariantCompiler::forNode(const ElementNode* node) const {
  auto it = byNode_.find(node);
  return it == byNode_.end() ? nullptr : &it->second;
}

void checkNodeInvariants(const ElementNode& node, const nlohmann::json& value, const std::string& type,
                         const Location& path, const InvariantCompiler& compiler, const InvariantContext& context,
                         std::vector<Issue>& issues) {
  const auto* list = compiler.forNode(&node);
  if (list == nullptr) return;
  for (const auto& compiled : *list) {
    const Constraint& c = *compiled.constraint;
    // The same expression (dom-2 in the base and in a profile's copy) is shared, so it is the key.
    if (compiled.vacuousWithout && fhirpath::allAbsent(value, *compiled.vacuousWithout)) continue;
    if (compiled.trueWithAny && fhirpath::anyPresent(value, *compiled.trueWithAny)) continue;
    const void* rule = compiled.expression ? static_cast<const void*>(compiled.expression.get()) : &c;
    if (context.evaluated != nullptr && !context.evaluated->emplace(&value, rule).second) continue;
    if (!compiled.expression) {
      issues.push_back({"information", "informational", path.text(),
                        c.key + " not evaluated: its expression does not parse (" + compiled.parseError + ")",
                        node.owner->raw.url, node.def->id});
      continue;
    }
    try {
      fhirpath::Options options;
      options.resource = context.resource;
      options.rootResource = context.bundle != nullptr ? context.bundle : context.resource;
      if (!value.contains("resourceType")) options.rootType = type;
      options.types = context.types;
      const auto result = fhirpath::evaluateItems(*compiled.expression, value, options);
      // Empty means the rule could not be judged here; only a definite false is a failure.
      if (result.size() == 1 && result[0].json().is_boolean() && !result[0].json().get<bool>()) {
        issues.push_back({c.severity == "error" ? "error" : "warning", "invariant", path.text(), c.key + ": " + c.human,
                          node.owner->raw.url, node.def->id});
      }
    } catch (const std::exception& e) {
      issues.push_back({"information", "informational", path.text(), c.key + " could not be evaluated: " + e.what(),
                        node.owner->raw.url, node.def->id});
    }
  }
}

}  // namespace gpc::fhir
