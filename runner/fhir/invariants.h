#pragma once
// Invariants (ElementDefinition.constraint) evaluated with the FHIRPath engine. Expressions are
// compiled once per registry; ele-1 (an element has a value or children) and ext-1 (an extension
// has a value or sub-extensions, not both) are checked natively by the validator because
// evaluating them on every element and extension would dominate validation time; ref-1 ("#id"
// names a contained resource) is checked by references.cpp.

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/fhirpath/fhirpath.h"
#include "runner/fhir/model.h"

namespace gpc::fhir {

class InvariantCompiler {
 public:
  // Compiles every constraint expression of every profile in the registry; ones that do not
  // parse are remembered with the reason (reported as information when met).
  explicit InvariantCompiler(const ProfileRegistry& registry);
  struct Compiled {
    std::shared_ptr<const fhirpath::Expression> expression;  // null when it did not parse
    std::string parseError;
  };
  const Compiled* find(const std::string& expression) const;

 private:
  std::unordered_map<std::string, Compiled> byText_;
};

struct InvariantContext {
  const nlohmann::json* resource = nullptr;  // %resource
  const nlohmann::json* bundle = nullptr;    // %rootResource, resolve() scope
  const TypeInfo* types = nullptr;
  // "location|key" of constraints already evaluated: base and profile passes meet the same
  // constraint on the same element, and once is enough.
  std::unordered_set<std::string>* evaluated = nullptr;
};

// Evaluates the constraints of `node` on one occurrence `value` (of FHIR type `type`) at `path`.
void checkNodeInvariants(const ElementNode& node, const nlohmann::json& value, const std::string& type,
                         const std::string& path, const InvariantCompiler& compiler, const InvariantContext& context,
                         std::vector<Issue>& issues);

}  // namespace gpc::fhir
