#include "runner/fhir/definition_reader.h"

#include <set>

#include "runner/fhir/json_access.h"

namespace gpc::fhir {
namespace {

std::vector<TypeRef> readTypes(const nlohmann::json& element) {
  std::vector<TypeRef> types;
  for (const auto* type : items(element, "type")) {
    TypeRef ref;
    ref.code = stringAt(*type, "code");
    // STU3 has one profile/targetProfile per type entry; DSTU2 a list of profiles, which for a
    // Reference name its targets.
    for (const auto* p : items(*type, "profile")) {
      if (p->is_string()) ref.profiles.push_back(canonicalUrl(p->get<std::string>()));
    }
    for (const auto* p : items(*type, "targetProfile")) {
      if (p->is_string()) ref.targetProfiles.push_back(canonicalUrl(p->get<std::string>()));
    }
    if (ref.code == "Reference" && ref.targetProfiles.empty()) std::swap(ref.profiles, ref.targetProfiles);
    // Several entries with the same code (one per profile) are one type with several profiles.
    auto same = std::find_if(types.begin(), types.end(), [&](const TypeRef& t) { return t.code == ref.code; });
    if (same != types.end()) {
      same->profiles.insert(same->profiles.end(), ref.profiles.begin(), ref.profiles.end());
      same->targetProfiles.insert(same->targetProfiles.end(), ref.targetProfiles.begin(),
                                  ref.targetProfiles.end());
    } else if (!ref.code.empty()) {
      types.push_back(std::move(ref));
    }
  }
  return types;
}

void readSlicing(const nlohmann::json& element, ElementDef& def) {
  const nlohmann::json* slicing = member(element, "slicing");
  if (slicing == nullptr) return;
  def.sliced = true;
  def.slicingRules = stringAt(*slicing, "rules");
  def.slicingOrdered = boolAt(*slicing, "ordered", false);
  for (const auto* d : items(*slicing, "discriminator")) {
    if (d->is_string()) {  // DSTU2: a path; "@type" and "@profile" name the kind
      const auto path = d->get<std::string>();
      if (path.ends_with("@type")) def.discriminators.push_back({"type", "$this"});
      else if (path.ends_with("@profile")) def.discriminators.push_back({"profile", "$this"});
      else def.discriminators.push_back({"value", path});
    } else {
      def.discriminators.push_back({stringAt(*d, "type"), stringAt(*d, "path")});
    }
  }
}

void readBinding(const nlohmann::json& element, ElementDef& def) {
  const nlohmann::json* binding = member(element, "binding");
  if (binding == nullptr) return;
  def.bindingStrength = stringAt(*binding, "strength");
  if (const auto* ref = member(*binding, "valueSetReference")) def.valueSet = stringAt(*ref, "reference");
  if (def.valueSet.empty()) def.valueSet = stringAt(*binding, "valueSetUri");
  if (def.valueSet.empty()) def.valueSet = stringAt(*binding, "valueSet");
  def.valueSet = canonicalUrl(def.valueSet);
}

void readFixedAndPattern(const nlohmann::json& element, ElementDef& def) {
  for (const auto& [key, value] : element.items()) {
    if (key.starts_with("fixed") && key.size() > 5) def.fixed = {{"type", key.substr(5)}, {"value", value}};
    if (key.starts_with("pattern") && key.size() > 7) def.pattern = {{"type", key.substr(7)}, {"value", value}};
  }
}

}  // namespace

RawProfile readStructureDefinition(const nlohmann::json& sd, const std::string& source) {
  RawProfile p;
  p.source = source;
  p.url = canonicalUrl(stringAt(sd, "url"));
  p.version = stringAt(sd, "version");
  p.name = stringAt(sd, "name");
  p.type = stringAt(sd, "type");
  if (p.type.empty()) p.type = stringAt(sd, "constrainedType");  // DSTU2
  p.kind = stringAt(sd, "kind");
  p.baseDefinition = canonicalUrl(stringAt(sd, "baseDefinition"));
  if (p.baseDefinition.empty()) p.baseDefinition = canonicalUrl(stringAt(sd, "base"));
  p.derivation = stringAt(sd, "derivation");
  p.fhirVersion = stringAt(sd, "fhirVersion");
  p.abstract = boolAt(sd, "abstract", false);
  const nlohmann::json* snapshot = member(sd, "snapshot");
  p.hasSnapshot = snapshot != nullptr;
  if (snapshot == nullptr) snapshot = member(sd, "differential");
  if (snapshot == nullptr) return p;
  if (p.type.empty()) {  // DSTU2 base resources: the type is the root path
    const auto elements = items(*snapshot, "element");
    if (!elements.empty()) p.type = stringAt(*elements.front(), "path");
  }
  if (p.derivation.empty()) p.derivation = p.url.ends_with("/" + p.type) ? "specialization" : "constraint";

  std::set<std::string> slicedPaths;
  std::map<std::string, int> sliceCounter;
  for (const auto* element : items(*snapshot, "element")) {
    ElementDef def;
    def.path = stringAt(*element, "path");
    def.id = stringAt(*element, "id");
    def.sliceName = stringAt(*element, "sliceName");
    const bool hasSlicing = member(*element, "slicing") != nullptr;
    if (def.sliceName.empty() && !hasSlicing && slicedPaths.contains(def.path)) {
      // DSTU2 names slices with `name`; give unnamed ones a stable name of their own.
      def.sliceName = stringAt(*element, "name");
      if (def.sliceName.empty()) def.sliceName = "slice" + std::to_string(++sliceCounter[def.path]);
    }
    if (hasSlicing) slicedPaths.insert(def.path);
    if (def.id.empty()) def.id = def.sliceName.empty() ? def.path : def.path + ":" + def.sliceName;
    def.min = intAt(*element, "min", 0);
    def.max = kUnbounded;
    if (const auto* max = member(*element, "max")) def.max = maxFrom(*max, kUnbounded);
    def.baseMax = def.max;
    if (const auto* base = member(*element, "base")) {
      if (const auto* max = member(*base, "max")) def.baseMax = maxFrom(*max, def.max);
    }
    def.types = readTypes(*element);
    def.contentReference = stringAt(*element, "contentReference");
    if (def.contentReference.empty()) {
      const auto nameRef = stringAt(*element, "nameReference");  // DSTU2
      if (!nameRef.empty()) def.contentReference = "name:" + nameRef;
    }
    readFixedAndPattern(*element, def);
    readBinding(*element, def);
    readSlicing(*element, def);
    for (const auto* c : items(*element, "constraint")) {
      Constraint constraint{stringAt(*c, "key"), stringAt(*c, "severity"), stringAt(*c, "human"),
                            stringAt(*c, "expression")};
      if (constraint.key.empty()) continue;
      def.constraintKeys.push_back(constraint.key);
      p.constraints.emplace(constraint.key, std::move(constraint));
    }
    p.elements.push_back(std::move(def));
  }
  return p;
}

static RawValueSet::Include readInclude(const nlohmann::json& include) {
  RawValueSet::Include inc;
  inc.system = stringAt(include, "system");
  for (const auto* concept_ : items(include, "concept")) inc.codes.push_back(stringAt(*concept_, "code"));
  inc.filtered = member(include, "filter") != nullptr;
  for (const auto* vs : items(include, "valueSet")) {
    if (vs->is_string()) inc.valueSets.push_back(canonicalUrl(vs->get<std::string>()));
  }
  return inc;
}

RawValueSet readValueSet(const nlohmann::json& vs, const std::string& source) {
  RawValueSet raw;
  raw.url = canonicalUrl(stringAt(vs, "url"));
  raw.source = source;
  if (const auto* compose = member(vs, "compose")) {
    for (const auto* include : items(*compose, "include")) raw.includes.push_back(readInclude(*include));
    for (const auto* exclude : items(*compose, "exclude")) raw.excludes.push_back(readInclude(*exclude));
    for (const auto* imp : items(*compose, "import")) {  // DSTU2
      RawValueSet::Include inc;
      inc.valueSets.push_back(canonicalUrl(imp->is_string() ? imp->get<std::string>() : std::string()));
      raw.includes.push_back(std::move(inc));
    }
  }
  // DSTU2 value sets define their own codes inline.
  if (const auto* codeSystem = member(vs, "codeSystem")) {
    RawValueSet::Include inc;
    inc.system = stringAt(*codeSystem, "system");
    std::vector<const nlohmann::json*> pending = items(*codeSystem, "concept");
    while (!pending.empty()) {
      const auto* c = pending.back();
      pending.pop_back();
      inc.codes.push_back(stringAt(*c, "code"));
      for (const auto* child : items(*c, "concept")) pending.push_back(child);
    }
    raw.includes.push_back(std::move(inc));
  }
  // An expansion, when present, lists the codes outright.
  if (raw.includes.empty()) {
    if (const auto* expansion = member(vs, "expansion")) {
      for (const auto* c : items(*expansion, "contains")) {
        RawValueSet::Include inc;
        inc.system = stringAt(*c, "system");
        inc.codes.push_back(stringAt(*c, "code"));
        raw.includes.push_back(std::move(inc));
      }
    }
  }
  return raw;
}

RawCodeSystem readCodeSystem(const nlohmann::json& cs, const std::string& source) {
  RawCodeSystem raw;
  raw.url = canonicalUrl(stringAt(cs, "url"));
  raw.source = source;
  std::vector<const nlohmann::json*> pending = items(cs, "concept");
  while (!pending.empty()) {
    const auto* c = pending.back();
    pending.pop_back();
    raw.codes.push_back(stringAt(*c, "code"));
    for (const auto* child : items(*c, "concept")) pending.push_back(child);
  }
  return raw;
}

}  // namespace gpc::fhir
