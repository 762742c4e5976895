#include "runner/fhir/invariants.h"

namespace gpc::fhir {

InvariantCompiler::InvariantCompiler(const ProfileRegistry& registry) {
  for (const auto& [url, profile] : registry.data().profiles) {
    for (const auto& [key, constraint] : profile->raw.constraints) {
      if (constraint.expression.empty() || byText_.contains(constraint.expression)) continue;
      Compiled compiled;
      try {
        compiled.expression = std::make_shared<const fhirpath::Expression>(fhirpath::parse(constraint.expression));
      } catch (const std::exception& e) {
        compiled.parseError = e.what();
      }
      byText_.emplace(constraint.expression, std::move(compiled));
    }
  }
}

const InvariantCompiler::Compiled* InvariantCompiler::find(const std::string& expression) const {
  auto it = byText_.find(expression);
  return it == byText_.end() ? nullptr : &it->second;
}

void checkNodeInvariants(const ElementNode& node, const nlohmann::json& value, const std::string& type,
                         const std::string& path, const InvariantCompiler& compiler, const InvariantContext& context,
                         std::vector<Issue>& issues) {
  const auto& constraints = node.owner->raw.constraints;
  for (const auto& key : node.def->constraintKeys) {
    // Checked natively by the validator (ref-1: references.cpp resolves every "#id").
    if (key == "ele-1" || key == "ext-1" || key == "ref-1") continue;
    auto it = constraints.find(key);
    if (it == constraints.end() || it->second.expression.empty()) continue;
    const Constraint& c = it->second;
    if (context.evaluated != nullptr && !context.evaluated->insert(path + "|" + c.key).second) continue;
    const auto* compiled = compiler.find(c.expression);
    if (compiled == nullptr) continue;
    Issue issue{c.severity == "error" ? "error" : "warning", "invariant", path, key + ": " + c.human,
                node.owner->raw.url, node.def->id};
    if (!compiled->expression) {
      issues.push_back({"information", "informational", path,
                        key + " not evaluated: its expression does not parse (" + compiled->parseError + ")",
                        node.owner->raw.url, node.def->id});
      continue;
    }
    try {
      fhirpath::Options options;
      options.resource = context.resource;
      options.rootResource = context.bundle != nullptr ? context.bundle : context.resource;
      if (!value.contains("resourceType")) options.rootType = type;
      options.rootPath = path;
      options.types = context.types;
      const auto result = fhirpath::evaluateItems(*compiled->expression, value, options);
      // Empty means the rule could not be judged here; only a definite false is a failure.
      bool failed = false;
      for (const auto& item : result) {
        const auto& v = item.json();
        if (v.is_boolean() && !v.get<bool>()) failed = true;
      }
      if (failed && result.size() == 1) issues.push_back(std::move(issue));
    } catch (const std::exception& e) {
      issues.push_back({"information", "informational", path, key + " could not be evaluated: " + e.what(),
                        node.owner->raw.url, node.def->id});
    }
  }
}

}  // namespace gpc::fhir
