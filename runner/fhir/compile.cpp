#include "runner/fhir/compile.h"

#include <functional>

#include "runner/fhir/navigation.h"
#include "runner/fhir/snapshot.h"
#include "runner/fhir/xml_internal.h"

namespace gpc::fhir {
namespace {

std::string_view parentPath(std::string_view path) {
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
}

std::string_view lastSegment(std::string_view path) {
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

void indexChildren(ElementNode& node) {
  for (ElementNode* child : node.children) {
    node.childByName.emplace(child->name, child);
    if (child->isChoice()) {
      for (const auto& t : child->def->types) {
        node.childByName.emplace(std::string(child->choicePrefix()) + choiceSuffix(t.code), child);
      }
    }
  }
}

// Follows a discriminator path ("coding.system") from a slice into its subtree, entering the
// slice's type profile (an extension definition) or type definition where the slice stops.
const ElementNode* walkDiscriminator(const ElementNode* node, std::string_view path,
                                     const ProfileRegistry& registry) {
  while (!path.empty() && node != nullptr) {
    const auto dot = path.find('.');
    const auto segment = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (segment == "$this") continue;
    const ElementNode* holder = node->children.empty() ? nullptr : node;
    if (holder == nullptr && node->def->types.size() == 1 && node->def->types[0].profiles.size() == 1) {
      if (const auto* p = registry.profile(node->def->types[0].profiles[0])) holder = p->root;
    }
    if (holder == nullptr) holder = childrenHolder(node, {}, registry);
    ChildMatch match = findChild(holder, segment);
    if (match.node == nullptr && segment.starts_with("extension(")) return nullptr;
    node = match.node;
  }
  return node;
}

void resolveDiscriminators(ElementNode& base, const ProfileRegistry& registry) {
  for (ElementNode* slice : base.slices) {
    slice->discriminatorValues.clear();
    slice->discriminatorTypes.clear();
    for (const auto& d : base.def->discriminators) {
      const ElementNode* target = walkDiscriminator(slice, d.path, registry);
      nlohmann::json value;
      std::string typeOrProfile;
      if (target != nullptr) {
        if (d.type == "type" && !target->def->types.empty()) typeOrProfile = target->def->types[0].code;
        if (d.type == "profile" && !target->def->types.empty() && !target->def->types[0].profiles.empty()) {
          typeOrProfile = target->def->types[0].profiles[0];
        }
        if (!target->def->fixed.is_null()) value = {{"fixed", target->def->fixed["value"]}};
        else if (!target->def->pattern.is_null()) value = {{"pattern", target->def->pattern["value"]}};
        else if (d.path == "url" && !slice->def->types.empty() && !slice->def->types[0].profiles.empty()) {
          value = {{"fixed", slice->def->types[0].profiles[0]}};
        }
      }
      slice->discriminatorValues.push_back(std::move(value));
      slice->discriminatorTypes.push_back(std::move(typeOrProfile));
    }
  }
}

// Fixed and pattern values read from XML lack arrays and typed primitives; give them the shape
// FHIR JSON has so they compare equal to instances.
void normaliseFixed(ElementDef& def, const ProfileRegistry& registry) {
  for (nlohmann::json* slot : {&def.fixed, &def.pattern}) {
    if (slot->is_null()) continue;
    const std::string type = (*slot)["type"].get<std::string>();
    // "fixedDateTime" names the primitive "dateTime"; "fixedCodeableConcept" a complex type.
    std::string lowered = type;
    if (!lowered.empty()) lowered[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lowered[0])));
    const std::string& typeName = isPrimitiveType(lowered) ? lowered : type;
    (*slot)["value"] = normaliseLoose((*slot)["value"], typeName, registry, nullptr, "");
  }
}

void link(CompiledProfile& profile, const ProfileRegistry& registry) {
  for (ElementNode& node : profile.nodes) {
    const auto& ref = node.def->contentReference;
    if (ref.starts_with("#")) {
      auto it = profile.byPath.find(ref.substr(1));
      if (it != profile.byPath.end()) node.contentTarget = it->second;
    }
    normaliseFixed(const_cast<ElementDef&>(*node.def), registry);
  }
  for (ElementNode& node : profile.nodes) {
    if (!node.slices.empty()) resolveDiscriminators(node, registry);
  }
}

std::unique_ptr<CompiledValueSet> expand(
    const RawValueSet& raw, const std::unordered_map<std::string, const RawValueSet*>& valueSets,
    const std::unordered_map<std::string, const RawCodeSystem*>& codeSystems, int depth) {
  auto vs = std::make_unique<CompiledValueSet>();
  vs->url = raw.url;
  for (const auto& inc : raw.includes) {
    for (const auto& code : inc.codes) {
      vs->codes.insert(inc.system + "|" + code);
      vs->bareCodes.insert(code);
    }
    for (const auto& url : inc.valueSets) {
      auto it = valueSets.find(url);
      if (it == valueSets.end() || depth > 8) {
        vs->complete = false;
        continue;
      }
      auto nested = expand(*it->second, valueSets, codeSystems, depth + 1);
      vs->codes.insert(nested->codes.begin(), nested->codes.end());
      vs->bareCodes.insert(nested->bareCodes.begin(), nested->bareCodes.end());
      vs->wholeSystems.insert(nested->wholeSystems.begin(), nested->wholeSystems.end());
      vs->complete = vs->complete && nested->complete;
    }
    if (inc.codes.empty() && inc.valueSets.empty() && !inc.system.empty()) {
      auto cs = codeSystems.find(inc.system);
      if (cs != codeSystems.end() && !inc.filtered) {
        for (const auto& code : cs->second->codes) {
          vs->codes.insert(inc.system + "|" + code);
          vs->bareCodes.insert(code);
        }
      } else {
        // A filter we cannot evaluate, or a system we do not hold (SNOMED CT): any code of it.
        vs->wholeSystems.insert(inc.system);
      }
    }
  }
  return vs;
}

// DSTU2 definitions have no DSTU2 base definitions to build on here (docs/validation.md).
bool canGenerateSnapshot(const RawProfile& raw) {
  return !raw.hasSnapshot && raw.derivation == "constraint" && !raw.baseDefinition.empty() &&
         !raw.fhirVersion.starts_with("1.0");
}

// Differential-only profiles get a snapshot from their base (generated first when the base also
// lacks one; a cycle leaves the differential as it is).
void generateMissingSnapshots(ProfileRegistry::Data& data, const std::vector<std::string>& urls) {
  std::unordered_set<std::string> started;
  SnapshotSource source = [&](std::string_view url) -> const RawProfile* {
    auto it = data.profiles.find(canonicalUrl(url));
    if (it == data.profiles.end()) return nullptr;
    RawProfile& raw = it->second->raw;
    if (canGenerateSnapshot(raw) && started.insert(raw.url).second) generateSnapshot(raw, source);
    return raw.hasSnapshot ? &raw : nullptr;
  };
  for (const auto& url : urls) source(url);
}

}  // namespace

void buildTree(CompiledProfile& profile) {
  profile.nodes.clear();
  profile.byPath.clear();
  profile.root = nullptr;
  std::vector<ElementNode*> stack;
  for (const ElementDef& def : profile.raw.elements) {
    ElementNode& node = profile.nodes.emplace_back();
    node.def = &def;
    node.owner = &profile;
    node.name = std::string(lastSegment(def.path));
    if (stack.empty()) {
      profile.root = &node;
      stack.push_back(&node);
      profile.byPath.emplace(def.path, &node);
      continue;
    }
    const auto parent = parentPath(def.path);
    while (stack.size() > 1 && stack.back()->def->path != parent) stack.pop_back();
    if (stack.back()->def->path != parent) continue;  // out of order: ignore rather than misplace
    ElementNode* holder = stack.back();
    if (!def.sliceName.empty()) {
      ElementNode* base = nullptr;
      for (auto it = holder->children.rbegin(); it != holder->children.rend(); ++it) {
        if ((*it)->def->path == def.path) {
          base = *it;
          break;
        }
      }
      if (base == nullptr) continue;
      // A re-slice ("a/b") belongs to its parent slice; keep it flat under the base here.
      base->slices.push_back(&node);
    } else {
      node.childIndex = static_cast<int>(holder->children.size());
      holder->children.push_back(&node);
      profile.byPath.emplace(def.path, &node);
    }
    stack.push_back(&node);
  }
  for (ElementNode& node : profile.nodes) indexChildren(node);
}

void compileInto(ProfileRegistry& registry, std::vector<RawProfile> profiles,
                 std::vector<RawValueSet> valueSets, std::vector<RawCodeSystem> codeSystems) {
  auto& data = registry.mutableData();
  std::vector<std::string> added;
  for (auto& raw : profiles) {
    if (raw.url.empty() || raw.elements.empty()) continue;
    auto existing = data.profiles.find(raw.url);
    if (existing != data.profiles.end() && existing->second->raw.hasSnapshot && !raw.hasSnapshot) continue;
    auto compiled = std::make_unique<CompiledProfile>();
    compiled->raw = std::move(raw);
    added.push_back(compiled->raw.url);
    data.profiles[compiled->raw.url] = std::move(compiled);
  }
  generateMissingSnapshots(data, added);
  for (const auto& url : added) {
    auto it = data.profiles.find(url);
    if (it == data.profiles.end()) continue;
    buildTree(*it->second);
    if (it->second->root == nullptr) data.profiles.erase(it);
  }
  data.types.clear();
  for (auto& [url, profile] : data.profiles) {
    const auto& raw = profile->raw;
    if (raw.derivation == "specialization" && raw.hasSnapshot) data.types[raw.type] = profile.get();
  }
  for (auto& [url, profile] : data.profiles) link(*profile, registry);

  for (auto& vs : valueSets) data.rawValueSets.push_back(std::move(vs));
  for (auto& cs : codeSystems) data.rawCodeSystems.push_back(std::move(cs));
  std::unordered_map<std::string, const RawValueSet*> vsByUrl;
  for (const auto& vs : data.rawValueSets) vsByUrl[vs.url] = &vs;
  std::unordered_map<std::string, const RawCodeSystem*> csByUrl;
  for (const auto& cs : data.rawCodeSystems) csByUrl[cs.url] = &cs;
  data.valueSets.clear();
  for (const auto& [url, raw] : vsByUrl) data.valueSets[url] = expand(*raw, vsByUrl, csByUrl, 0);
}

}  // namespace gpc::fhir
