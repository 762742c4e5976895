#pragma once
// The compiled form of definitions: what a StructureDefinition snapshot (official JSON/XML) and the
// project's compact form both compile to. ElementDef is one snapshot element as read; ElementNode
// is the same element placed in a tree with its children, slices and resolved discriminators.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/validator.h"

namespace gpc::fhir {

constexpr int kUnbounded = -1;

struct TypeRef {
  std::string code;                         // "Identifier", "Reference", "string", "Resource"
  std::vector<std::string> profiles;        // profiles the value must conform to
  std::vector<std::string> targetProfiles;  // for Reference: what it may point at
};

struct Constraint {
  std::string key;
  std::string severity;  // error | warning
  std::string human;
  std::string expression;  // FHIRPath; empty in DSTU2 (XPath only)
};

struct Discriminator {
  std::string type;  // value | pattern | type | profile | exists
  std::string path;  // relative to the sliced element: "url", "system", "coding.system", "@type"
};

// One snapshot element as read from a definition.
struct ElementDef {
  std::string id;
  std::string path;
  std::string sliceName;
  int min = 0;
  int max = kUnbounded;
  int baseMax = kUnbounded;  // cardinality of the base element: decides JSON array vs single value
  std::vector<TypeRef> types;
  std::string contentReference;  // "#Bundle.link"
  nlohmann::json fixed;           // null when none
  nlohmann::json pattern;         // null when none
  std::string bindingStrength;
  std::string valueSet;
  std::vector<std::string> constraintKeys;  // into RawProfile::constraints
  bool sliced = false;
  std::vector<Discriminator> discriminators;
  std::string slicingRules;  // open | closed | openAtEnd
  bool slicingOrdered = false;
};

// One StructureDefinition as read, before compiling.
struct RawProfile {
  std::string url;
  std::string version;
  std::string name;
  std::string type;         // the base type it constrains or defines
  std::string kind;         // primitive-type | complex-type | resource | logical
  std::string baseDefinition;
  std::string derivation;   // specialization | constraint
  std::string fhirVersion;
  bool abstract = false;
  bool hasSnapshot = true;
  std::string source;       // file it came from, for messages
  std::map<std::string, Constraint> constraints;
  std::vector<ElementDef> elements;  // snapshot (or differential when hasSnapshot is false)
};

struct RawValueSet {
  std::string url;
  std::string source;
  struct Include {
    std::string system;
    std::vector<std::string> codes;      // empty with no filter: the whole system
    bool filtered = false;               // has a filter we do not evaluate: whole system accepted
    std::vector<std::string> valueSets;  // include the codes of these value sets
  };
  std::vector<Include> includes;
  std::vector<Include> excludes;
};

struct RawCodeSystem {
  std::string url;
  std::string source;
  std::vector<std::string> codes;  // every concept, flattened
};

struct CompiledProfile;

struct ElementNode {
  const ElementDef* def = nullptr;
  const CompiledProfile* owner = nullptr;
  std::string name;  // last path segment: "identifier", "value[x]"
  int childIndex = -1;  // position among its parent's children (-1 for roots and slices)
  std::vector<ElementNode*> children;
  std::unordered_map<std::string, ElementNode*> childByName;
  std::vector<ElementNode*> slices;
  const ElementNode* contentTarget = nullptr;  // resolved contentReference
  // Per slice and discriminator: the value an item must have (null when undeterminable).
  std::vector<nlohmann::json> discriminatorValues;
  std::vector<std::string> discriminatorTypes;  // for type/profile discriminators

  bool isChoice() const { return name.size() > 3 && name.ends_with("[x]"); }
  std::string_view choicePrefix() const { return std::string_view(name).substr(0, name.size() - 3); }
};

struct CompiledProfile {
  RawProfile raw;
  std::deque<ElementNode> nodes;
  ElementNode* root = nullptr;
  std::unordered_map<std::string, const ElementNode*> byPath;  // first node per path (no slices)
};

struct CompiledValueSet {
  std::string url;
  std::unordered_set<std::string> codes;        // "system|code"
  std::unordered_set<std::string> bareCodes;    // codes alone, for `code` elements
  std::unordered_set<std::string> wholeSystems; // any code of these systems is in the set
  bool complete = true;  // false when a referenced value set or code system was unavailable

  bool contains(std::string_view system, std::string_view code) const;
  bool containsCode(std::string_view code) const;
};

struct ProfileRegistry::Data {
  std::unordered_map<std::string, std::unique_ptr<CompiledProfile>> profiles;  // by url
  std::unordered_map<std::string, const CompiledProfile*> types;  // base definitions by type name
  std::unordered_map<std::string, std::unique_ptr<CompiledValueSet>> valueSets;
  // What the registry was built from; the compact writer emits these.
  std::vector<RawValueSet> rawValueSets;
  std::vector<RawCodeSystem> rawCodeSystems;
};

// Canonical URL without "|version" and "/_history/n".
std::string canonicalUrl(std::string_view url);

}  // namespace gpc::fhir
