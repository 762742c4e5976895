#include "runner/fhir/compact.h"

#include <stdexcept>

namespace gpc::fhir {
namespace {

constexpr const char* kMarker = "gpcCompactDefinitions";

std::string cardinality(int min, int max) {
  return std::to_string(min) + ".." + (max == kUnbounded ? std::string("*") : std::to_string(max));
}

void parseCardinality(const std::string& text, int& min, int& max, const std::string& source) {
  const auto dots = text.find("..");
  if (dots == std::string::npos) throw std::runtime_error(source + ": bad cardinality '" + text + "'");
  min = std::stoi(text.substr(0, dots));
  const auto upper = text.substr(dots + 2);
  max = upper == "*" ? kUnbounded : std::stoi(upper);
}

nlohmann::json writeElement(const ElementDef& e) {
  nlohmann::json out = {{"p", e.path}, {"c", cardinality(e.min, e.max)}};
  if (e.id != e.path) out["id"] = e.id;
  if (!e.sliceName.empty()) out["s"] = e.sliceName;
  if (e.baseMax != e.max) out["bm"] = e.baseMax == kUnbounded ? nlohmann::json("*") : nlohmann::json(e.baseMax);
  if (!e.types.empty()) {
    nlohmann::json types = nlohmann::json::array();
    for (const auto& t : e.types) {
      if (t.profiles.empty() && t.targetProfiles.empty()) types.push_back(t.code);
      else types.push_back({t.code, t.profiles, t.targetProfiles});
    }
    out["t"] = std::move(types);
  }
  if (!e.contentReference.empty()) out["cr"] = e.contentReference;
  if (!e.fixed.is_null()) out["f"] = e.fixed;
  if (!e.pattern.is_null()) out["pt"] = e.pattern;
  if (!e.bindingStrength.empty()) out["bd"] = {e.bindingStrength, e.valueSet};
  if (!e.constraintKeys.empty()) out["k"] = e.constraintKeys;
  if (e.sliced) {
    nlohmann::json discriminators = nlohmann::json::array();
    for (const auto& d : e.discriminators) discriminators.push_back({d.type, d.path});
    out["sl"] = {e.slicingRules, e.slicingOrdered, discriminators};
  }
  return out;
}

ElementDef readElement(const nlohmann::json& in, const std::string& source) {
  ElementDef e;
  e.path = in.at("p").get<std::string>();
  e.id = in.value("id", e.path);
  e.sliceName = in.value("s", std::string());
  parseCardinality(in.at("c").get<std::string>(), e.min, e.max, source);
  e.baseMax = e.max;
  if (auto bm = in.find("bm"); bm != in.end()) e.baseMax = bm->is_string() ? kUnbounded : bm->get<int>();
  if (auto types = in.find("t"); types != in.end()) {
    for (const auto& t : *types) {
      if (t.is_string()) e.types.push_back({t.get<std::string>(), {}, {}});
      else e.types.push_back({t.at(0).get<std::string>(), t.at(1).get<std::vector<std::string>>(),
                              t.at(2).get<std::vector<std::string>>()});
    }
  }
  e.contentReference = in.value("cr", std::string());
  if (auto f = in.find("f"); f != in.end()) e.fixed = *f;
  if (auto p = in.find("pt"); p != in.end()) e.pattern = *p;
  if (auto b = in.find("bd"); b != in.end()) {
    e.bindingStrength = b->at(0).get<std::string>();
    e.valueSet = b->at(1).get<std::string>();
  }
  if (auto k = in.find("k"); k != in.end()) e.constraintKeys = k->get<std::vector<std::string>>();
  if (auto sl = in.find("sl"); sl != in.end()) {
    e.sliced = true;
    e.slicingRules = sl->at(0).get<std::string>();
    e.slicingOrdered = sl->at(1).get<bool>();
    for (const auto& d : sl->at(2)) e.discriminators.push_back({d.at(0).get<std::string>(), d.at(1).get<std::string>()});
  }
  return e;
}

nlohmann::json writeInclude(const RawValueSet::Include& inc) {
  return {inc.system, inc.codes, inc.filtered, inc.valueSets};
}

RawValueSet::Include readInclude(const nlohmann::json& in) {
  return {in.at(0).get<std::string>(), in.at(1).get<std::vector<std::string>>(), in.at(2).get<bool>(),
          in.at(3).get<std::vector<std::string>>()};
}

}  // namespace

bool isCompactDocument(const nlohmann::json& document) {
  return document.is_object() && document.contains(kMarker);
}

nlohmann::json writeCompact(const std::vector<const RawProfile*>& profiles,
                            const std::vector<const RawValueSet*>& valueSets,
                            const std::vector<const RawCodeSystem*>& codeSystems) {
  nlohmann::json out = {{kMarker, 1}, {"profiles", nlohmann::json::array()},
                        {"valueSets", nlohmann::json::array()}, {"codeSystems", nlohmann::json::array()}};
  for (const RawProfile* p : profiles) {
    nlohmann::json constraints = nlohmann::json::object();
    for (const auto& [key, c] : p->constraints) constraints[key] = {c.severity, c.human, c.expression};
    nlohmann::json elements = nlohmann::json::array();
    for (const auto& e : p->elements) elements.push_back(writeElement(e));
    out["profiles"].push_back({{"url", p->url}, {"version", p->version}, {"name", p->name}, {"type", p->type},
                               {"kind", p->kind}, {"base", p->baseDefinition}, {"derivation", p->derivation},
                               {"fhirVersion", p->fhirVersion}, {"abstract", p->abstract},
                               {"snapshot", p->hasSnapshot}, {"constraints", constraints},
                               {"elements", elements}});
  }
  for (const RawValueSet* vs : valueSets) {
    nlohmann::json inc = nlohmann::json::array();
    nlohmann::json exc = nlohmann::json::array();
    for (const auto& i : vs->includes) inc.push_back(writeInclude(i));
    for (const auto& i : vs->excludes) exc.push_back(writeInclude(i));
    out["valueSets"].push_back({{"url", vs->url}, {"include", inc}, {"exclude", exc}});
  }
  for (const RawCodeSystem* cs : codeSystems) out["codeSystems"].push_back({{"url", cs->url}, {"codes", cs->codes}});
  return out;
}

void readCompact(const nlohmann::json& document, const std::string& source, RawDefinitions& into) {
  try {
    for (const auto& p : document.at("profiles")) {
      RawProfile raw;
      raw.source = source;
      raw.url = p.at("url").get<std::string>();
      raw.version = p.value("version", "");
      raw.name = p.value("name", "");
      raw.type = p.at("type").get<std::string>();
      raw.kind = p.value("kind", "");
      raw.baseDefinition = p.value("base", "");
      raw.derivation = p.value("derivation", "");
      raw.fhirVersion = p.value("fhirVersion", "");
      raw.abstract = p.value("abstract", false);
      raw.hasSnapshot = p.value("snapshot", true);
      for (const auto& [key, c] : p.at("constraints").items()) {
        raw.constraints[key] = {key, c.at(0).get<std::string>(), c.at(1).get<std::string>(), c.at(2).get<std::string>()};
      }
      for (const auto& e : p.at("elements")) raw.elements.push_back(readElement(e, source));
      into.profiles.push_back(std::move(raw));
    }
    for (const auto& v : document.value("valueSets", nlohmann::json::array())) {
      RawValueSet raw;
      raw.url = v.at("url").get<std::string>();
      raw.source = source;
      for (const auto& i : v.at("include")) raw.includes.push_back(readInclude(i));
      for (const auto& i : v.at("exclude")) raw.excludes.push_back(readInclude(i));
      into.valueSets.push_back(std::move(raw));
    }
    for (const auto& c : document.value("codeSystems", nlohmann::json::array())) {
      into.codeSystems.push_back({c.at("url").get<std::string>(), source, c.at("codes").get<std::vector<std::string>>()});
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(source + ": malformed compact definitions: " + e.what());
  }
}

}  // namespace gpc::fhir
