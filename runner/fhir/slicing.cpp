#include "runner/fhir/slicing.h"
#include "runner/fhir/json_access.h"

#include <algorithm>

namespace gpc::fhir {
namespace {

// Values at a dotted path in an instance, flattening arrays ("coding.system").
void valuesAt(const nlohmann::json& value, std::string_view path, std::vector<const nlohmann::json*>& out) {
  if (value.is_array()) {
    for (const auto& item : value) valuesAt(item, path, out);
    return;
  }
  if (path.empty() || path == "$this") {
    out.push_back(&value);
    return;
  }
  if (!value.is_object()) return;
  const auto dot = path.find('.');
  const std::string segment(path.substr(0, dot));
  const auto rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (segment == "$this") {
    valuesAt(value, rest, out);
    return;
  }
  auto it = value.find(segment);
  if (it != value.end()) valuesAt(*it, rest, out);
}

bool matchesDiscriminator(const Occurrence& occurrence, const Discriminator& d, const nlohmann::json& expected,
                          const std::string& typeOrProfile, const ProfileRegistry& registry) {
  const nlohmann::json& item = *occurrence.value;
  std::vector<const nlohmann::json*> found;
  valuesAt(item, d.path, found);
  if (d.type == "type") {
    if (typeOrProfile.empty()) return false;
    // The item itself: its FHIR type here (a choice's "valueCodeableConcept" is a CodeableConcept).
    if ((d.path.empty() || d.path == "$this") && occurrence.type == typeOrProfile) return true;
    return std::any_of(found.begin(), found.end(), [&](const nlohmann::json* v) {
      return resourceTypeOf(*v) == typeOrProfile;
    });
  }
  if (d.type == "profile") {
    const CompiledProfile* p = registry.profile(typeOrProfile);
    if (p == nullptr) return false;
    return std::any_of(found.begin(), found.end(), [&](const nlohmann::json* v) {
      return resourceTypeOf(*v) == p->raw.type;
    });
  }
  if (d.type == "exists") return !found.empty();
  if (expected.is_null()) return false;
  if (auto fixed = expected.find("fixed"); fixed != expected.end()) {
    return std::any_of(found.begin(), found.end(), [&](const nlohmann::json* v) { return *v == *fixed; });
  }
  const auto& pattern = expected["pattern"];
  return std::any_of(found.begin(), found.end(), [&](const nlohmann::json* v) { return matchesPattern(*v, pattern); });
}

}  // namespace

bool matchesPattern(const nlohmann::json& value, const nlohmann::json& pattern) {
  if (pattern.is_object()) {
    if (!value.is_object()) return false;
    for (const auto& [key, p] : pattern.items()) {
      auto it = value.find(key);
      if (it == value.end() || !matchesPattern(*it, p)) return false;
    }
    return true;
  }
  if (pattern.is_array()) {
    if (!value.is_array()) return false;
    return std::all_of(pattern.begin(), pattern.end(), [&](const nlohmann::json& p) {
      return std::any_of(value.begin(), value.end(), [&](const nlohmann::json& v) { return matchesPattern(v, p); });
    });
  }
  return value == pattern;
}

SliceOutcome assignSlices(const std::vector<Occurrence>& occurrences, const ElementNode& base,
                          const ProfileRegistry& registry) {
  SliceOutcome outcome;
  outcome.counts.assign(base.slices.size(), 0);
  outcome.sliceOf.assign(occurrences.size(), nullptr);
  const auto& discriminators = base.def->discriminators;
  if (discriminators.empty()) {
    outcome.decidable = false;
    return outcome;
  }
  // A slice whose discriminating values could not be resolved cannot be told apart; then
  // nothing can be said about this slicing without guessing.
  for (const ElementNode* slice : base.slices) {
    for (std::size_t d = 0; d < discriminators.size(); ++d) {
      const bool valueKind = discriminators[d].type == "value" || discriminators[d].type == "pattern";
      if (valueKind && slice->discriminatorValues[d].is_null()) outcome.decidable = false;
      if (!valueKind && discriminators[d].type != "exists" && slice->discriminatorTypes[d].empty()) {
        outcome.decidable = false;
      }
    }
  }
  if (!outcome.decidable) return outcome;
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    if (occurrences[i].value == nullptr) continue;
    for (std::size_t s = 0; s < base.slices.size(); ++s) {
      const ElementNode* slice = base.slices[s];
      bool all = true;
      for (std::size_t d = 0; d < discriminators.size() && all; ++d) {
        all = matchesDiscriminator(occurrences[i], discriminators[d], slice->discriminatorValues[d],
                                   slice->discriminatorTypes[d], registry);
      }
      if (all) {
        outcome.sliceOf[i] = slice;
        ++outcome.counts[s];
        break;
      }
    }
  }
  return outcome;
}

}  // namespace gpc::fhir
