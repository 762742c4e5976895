#include "tests/fhirpath/core_definitions.h"

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <pugixml.hpp>

namespace gpc::fhirpath::testing {

const CoreDefinitions::TypeDef& CoreDefinitions::load(const std::string& type) const {
  std::lock_guard<std::mutex> lock(mutex_);
  TypeDef& def = types_[type];
  if (def.loaded) return def;
  def.loaded = true;
  std::ifstream in(dir_ + "/StructureDefinition-" + type + ".json");
  if (!in) return def;
  nlohmann::json sd = nlohmann::json::parse(in, nullptr, false);
  if (sd.is_discarded()) return def;
  def.found = true;
  def.kind = sd.value("kind", "");
  std::string base = sd.value("baseDefinition", "");
  def.base = base.substr(base.rfind('/') + 1);
  for (const auto& e : sd["snapshot"]["element"]) {
    ElementDef ed;
    ed.max = e.value("max", "1");
    if (e.contains("contentReference")) ed.contentReference = e["contentReference"].get<std::string>().substr(1);
    if (e.contains("type"))
      for (const auto& t : e["type"]) ed.types.push_back(t.value("code", ""));
    def.elements[e["path"].get<std::string>()] = ed;
  }
  return def;
}

std::optional<CoreDefinitions::ElementDef> CoreDefinitions::element(std::string_view parentType,
                                                                     std::string_view name) const {
  std::string parent(parentType);
  std::string root = parent.substr(0, parent.find('.'));
  const TypeDef& def = load(root);
  if (!def.found) return std::nullopt;
  std::string path = parent + "." + std::string(name);
  auto it = def.elements.find(path);
  if (it == def.elements.end()) it = def.elements.find(path + "[x]");
  if (it == def.elements.end()) {
    // Inherited elements (id, extension, meta...) are defined on the base type.
    if (parent.find('.') == std::string::npos && !def.base.empty() && def.base != root)
      return element(def.base, name);
    if (parent.find('.') != std::string::npos) {
      for (const char* base : {"BackboneElement", "Element"}) {
        auto e = element(base, name);
        if (e) return e;
      }
    }
    return std::nullopt;
  }
  return it->second;
}

std::vector<std::string> CoreDefinitions::elementTypes(std::string_view parentType, std::string_view name) const {
  auto e = element(parentType, name);
  if (!e) return {};
  if (!e->contentReference.empty()) return {e->contentReference};
  return e->types;
}

std::vector<std::pair<std::string, std::string>> CoreDefinitions::choiceProperties(std::string_view parentType,
                                                                                   std::string_view name) const {
  std::string parent(parentType);
  const TypeDef& def = load(parent.substr(0, parent.find('.')));
  std::vector<std::pair<std::string, std::string>> out;
  auto it = def.elements.find(parent + "." + std::string(name) + "[x]");
  if (it == def.elements.end()) return out;
  for (const std::string& t : it->second.types) {
    std::string suffix = t;
    suffix[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(suffix[0])));
    out.emplace_back(std::string(name) + suffix, t);
  }
  return out;
}

bool CoreDefinitions::isSubtypeOf(std::string_view type, std::string_view base) const {
  std::string t(type);
  for (int depth = 0; depth < 10 && !t.empty(); ++depth) {
    if (t == base) return true;
    const TypeDef& def = load(t.substr(0, t.find('.')));
    if (!def.found || def.base == t) return false;
    t = def.base;
  }
  return false;
}

bool CoreDefinitions::isPrimitive(std::string_view type) const {
  if (type.empty() || std::isupper(static_cast<unsigned char>(type[0]))) return false;
  return load(std::string(type)).kind == "primitive-type";
}

namespace {

nlohmann::json primitiveJson(const std::string& type, const std::string& text) {
  if (type == "boolean") return text == "true";
  if (type == "integer" || type == "positiveInt" || type == "unsignedInt" || type == "decimal") {
    nlohmann::json n = nlohmann::json::parse(text, nullptr, false);
    if (!n.is_discarded() && n.is_number()) return n;
  }
  return text;
}

void convertChildren(const pugi::xml_node& xml, const std::string& type, nlohmann::json& out,
                     const CoreDefinitions& defs);

nlohmann::json convertResource(const pugi::xml_node& xml, const CoreDefinitions& defs) {
  nlohmann::json out = nlohmann::json::object();
  out["resourceType"] = xml.name();
  convertChildren(xml, xml.name(), out, defs);
  return out;
}

// Finds how an XML element name maps onto the parent's definition: the JSON name, its
// type, and whether it repeats. "valueQuantity" maps to the choice value[x].
struct Placement {
  std::string type;
  bool repeats = false;
  bool known = false;
};

Placement place(const std::string& parentType, const std::string& name, const CoreDefinitions& defs) {
  Placement p;
  auto e = defs.element(parentType, name);
  if (e) {
    p.known = true;
    p.repeats = e->max != "1" && e->max != "0";
    if (!e->contentReference.empty()) p.type = e->contentReference;
    else if (e->types.size() == 1) p.type = e->types[0];
    if (p.type == "BackboneElement" || p.type == "Element") p.type = parentType + "." + name;
    return p;
  }
  // A choice: the longest prefix of `name` that is a [x] element with this type suffix.
  for (std::size_t cut = name.size() - 1; cut > 0; --cut) {
    if (!std::isupper(static_cast<unsigned char>(name[cut]))) continue;
    for (const auto& [prop, type] : defs.choiceProperties(parentType, name.substr(0, cut)))
      if (prop == name) {
        p.known = true;
        p.type = type;
        return p;
      }
  }
  return p;
}

void convertChildren(const pugi::xml_node& xml, const std::string& type, nlohmann::json& out,
                     const CoreDefinitions& defs) {
  if (xml.attribute("id")) out["id"] = xml.attribute("id").value();
  if (xml.attribute("url")) out["url"] = xml.attribute("url").value();
  std::map<std::string, int> counts;
  for (const auto& child : xml.children())
    if (child.type() == pugi::node_element) counts[child.name()]++;
  for (const auto& child : xml.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string name = child.name();
    Placement p = place(type, name, defs);
    bool repeats = p.known ? p.repeats : counts[name] > 1;
    nlohmann::json value;
    nlohmann::json extras;  // id / extension of a primitive
    if (name == "div") {
      std::ostringstream s;
      child.print(s, "", pugi::format_raw);
      value = s.str();
    } else if (p.type == "Resource" || (name == "contained") || (p.type.empty() && name == "resource")) {
      value = convertResource(child.first_child(), defs);
    } else if (defs.isPrimitive(p.type) || (!p.known && child.attribute("value"))) {
      if (child.attribute("value")) value = primitiveJson(p.type, child.attribute("value").value());
      nlohmann::json ext = nlohmann::json::object();
      convertChildren(child, p.type.empty() ? "Element" : "Element", ext, defs);
      if (!ext.empty()) extras = ext;
    } else {
      value = nlohmann::json::object();
      convertChildren(child, p.type.empty() ? "Element" : p.type, value, defs);
    }
    auto put = [&](const std::string& key, const nlohmann::json& v) {
      if (repeats) {
        if (!out.contains(key)) out[key] = nlohmann::json::array();
        out[key].push_back(v);
      } else {
        out[key] = v;
      }
    };
    if (!value.is_null() || !extras.is_null()) put(name, value);
    if (!extras.is_null()) {
      // Keep `_x` aligned with `x` for repeating primitives.
      std::string key = "_" + name;
      if (repeats) {
        if (!out.contains(key)) out[key] = nlohmann::json::array();
        while (out[key].size() + 1 < out[name].size()) out[key].push_back(nullptr);
        out[key].push_back(extras);
      } else {
        out[key] = extras;
      }
    } else if (repeats && out.contains("_" + name)) {
      out["_" + name].push_back(nullptr);
    }
  }
}

}  // namespace

nlohmann::json xmlToJson(const std::string& xml, const CoreDefinitions& defs) {
  pugi::xml_document doc;
  auto result = doc.load_string(xml.c_str());
  if (!result) throw std::runtime_error(std::string("bad XML: ") + result.description());
  return convertResource(doc.document_element(), defs);
}

}  // namespace gpc::fhirpath::testing
