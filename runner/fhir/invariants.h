#pragma once
// Invariants (ElementDefinition.constraint) evaluated with the FHIRPath engine. Expressions are
// compiled once per Validator; ele-1 (an element has a value or children) and ext-1 (an extension
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
#include "runner/fhir/location.h"
#include "runner/fhir/model.h"

namespace gpc::fhir {

class InvariantCompiler {
 public:
  // Compiles every constraint expression of every profile in the registry, and lists per element
  // the constraints to evaluate there; ones that do not parse are kept with the reason (reported
  // as information when met).
  explicit InvariantCompiler(const ProfileRegistry& registry);
  struct Compiled {
    const Constraint* constraint = nullptr;
    std::shared_ptr<const fhirpath::Expression> expression;  // null when it did not parse
    std::string parseError;
    // Members without which the expression cannot be false (fhirpath::notFalseWhenAbsent):
    // on an element holding none of them the evaluation is skipped. Null: always evaluate.
    std::shared_ptr<const std::vector<std::string>> vacuousWithout;
    // Members any one of which makes it true (fhirpath::trueWhenAnyPresent): skipped then too.
    std::shared_ptr<const std::vector<std::string>> trueWithAny;
  };
  // The constraints to evaluate on an element of `node` (null when none).
  const std::vector<Compiled>* forNode(const ElementNode* node) const;

 private:
  std::unordered_map<const ElementNode*, std::vector<Compiled>> byNode_;
};

struct InvariantContext {
  const nlohmann::json* resource = nullptr;  // %resource
  const nlohmann::json* bundle = nullptr;    // %rootResource, resolve() scope
  const TypeInfo* types = nullptr;
  // (element, constraint) pairs already evaluated: base and profile passes meet the same
  // constraint on the same element, and once is enough.
  struct PairHash {
    std::size_t operator()(const std::pair<const void*, const void*>& p) const {
      return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
    }
  };
  std::unordered_set<std::pair<const void*, const void*>, PairHash>* evaluated = nullptr;
};

// Evaluates the constraints of `node` on one occurrence `value` (of FHIR type `type`) at `path`.
void checkNodeInvariants(const ElementNode& node, const nlohmann::json& value, const std::string& type,
                         const Location& path, const InvariantCompiler& compiler, const InvariantContext& context,
                         std::vector<Issue>& issues);

}  // namespace gpc::fhir
