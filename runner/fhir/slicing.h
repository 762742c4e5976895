#pragma once
// Which slice each occurrence of a sliced element belongs to, from the slice discriminators
// resolved at compile time (value/pattern on system/url/code, type, profile).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/location.h"
#include "runner/fhir/model.h"

namespace gpc::fhir {

// One occurrence of an element in an instance.
struct Occurrence {
  const nlohmann::json* value = nullptr;   // null for a primitive with only "_x" content
  const nlohmann::json* extras = nullptr;  // the "_x" part of a primitive
  std::string type;                        // the FHIR type it has here
  Location path;                           // FHIRPath location (its parent is the holder's)
};

struct SliceOutcome {
  bool decidable = true;                     // false when the discriminators could not be resolved
  std::vector<const ElementNode*> sliceOf;   // per occurrence; null = no slice
  std::vector<int> counts;                   // per slice of the base
};

SliceOutcome assignSlices(const std::vector<Occurrence>& occurrences, const ElementNode& base,
                          const ProfileRegistry& registry);

// FHIR pattern semantics: every property of the pattern is present with a matching value;
// arrays in the pattern each need a matching item.
bool matchesPattern(const nlohmann::json& value, const nlohmann::json& pattern);

}  // namespace gpc::fhir
