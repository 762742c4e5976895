#include "runner/fhir/xml.h"
#include "runner/fhir/json_access.h"

#include <cctype>
#include <map>
#include <sstream>

#include "runner/fhir/model.h"
#include "runner/fhir/json_depth.h"
#include "runner/fhir/navigation.h"
#include "runner/fhir/xml_doctype.h"
#include "runner/fhir/xml_internal.h"
#include "runner/fhir/text_util.h"
#include "runner/fhir/utf8.h"

namespace gpc::fhir {
namespace {

constexpr const char* kFhirNs = "http://hl7.org/fhir";

bool isResourceName(std::string_view name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name[0]));
}

std::string localName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const auto colon = name.find(':');
  return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

// pugixml parses without recursion, but the conversion to JSON recurses per element: the same
// ceiling as for JSON keeps 100,000 nested elements from overflowing the stack.
bool nestsTooDeep(pugi::xml_document& doc) {
  struct DepthProbe : pugi::xml_tree_walker {
    bool tooDeep = false;
    bool for_each(pugi::xml_node&) override {
      tooDeep = static_cast<std::size_t>(depth()) >= kMaxJsonDepth;
      return !tooDeep;
    }
  } probe;
  doc.traverse(probe);
  return probe.tooDeep;
}

std::string xhtmlString(const pugi::xml_node& div) {
  std::ostringstream out;
  div.print(out, "", pugi::format_raw);
  return out.str();
}

nlohmann::json looseElement(const pugi::xml_node& node);

// Children grouped by name in document order; each group keeps values and "_name" parts aligned.
nlohmann::json looseChildren(const pugi::xml_node& node, bool isResource) {
  nlohmann::json object = nlohmann::json::object();
  if (isResource) object["resourceType"] = localName(node);
  for (const auto& attr : node.attributes()) {
    const std::string_view name = attr.name();
    if (name == "id" || name == "url") object[std::string(name)] = attr.value();
  }
  struct Group {
    std::vector<nlohmann::json> values;
    std::vector<nlohmann::json> underscores;
  };
  std::vector<std::pair<std::string, Group>> groups;
  for (const auto& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string name = localName(child);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == name; });
    if (it == groups.end()) {
      groups.emplace_back(name, Group{});
      it = std::prev(groups.end());
    }
    nlohmann::json value;
    nlohmann::json underscore;
    if (name == "div") {
      value = xhtmlString(child);
    } else if (child.attribute("value")) {
      value = child.attribute("value").value();
      nlohmann::json extras = looseChildren(child, false);
      if (!extras.empty()) underscore = std::move(extras);
    } else {
      value = looseElement(child);
    }
    it->second.values.push_back(std::move(value));
    it->second.underscores.push_back(std::move(underscore));
  }
  for (auto& [name, group] : groups) {
    const bool anyUnderscore = std::any_of(group.underscores.begin(), group.underscores.end(),
                                           [](const auto& u) { return !u.is_null(); });
    if (group.values.size() == 1) {
      object[name] = std::move(group.values[0]);
      if (anyUnderscore) object[withPrefix("_", name)] = std::move(group.underscores[0]);
    } else {
      object[name] = std::move(group.values);
      if (anyUnderscore) object[withPrefix("_", name)] = std::move(group.underscores);
    }
  }
  return object;
}

nlohmann::json looseElement(const pugi::xml_node& node) {
  // <contained><Patient>...</Patient></contained>: a resource wrapped by its element.
  pugi::xml_node only;
  int elements = 0;
  for (const auto& child : node.children()) {
    if (child.type() == pugi::node_element) {
      ++elements;
      only = child;
    }
  }
  if (elements == 1 && isResourceName(localName(only)) && !node.attribute("value")) {
    return looseChildren(only, true);
  }
  return looseChildren(node, false);
}

std::optional<nlohmann::json> typedPrimitive(const std::string& text, std::string_view type) {
  try {
    if (type == "boolean") {
      if (text == "true") return nlohmann::json(true);
      if (text == "false") return nlohmann::json(false);
      return std::nullopt;
    }
    if (type == "integer" || type == "positiveInt" || type == "unsignedInt") {
      std::size_t used = 0;
      const long long v = std::stoll(text, &used);
      if (used != text.size()) return std::nullopt;
      return nlohmann::json(v);
    }
    if (type == "decimal") {
      auto parsed = nlohmann::json::parse(text);
      if (!parsed.is_number()) return std::nullopt;
      return parsed;
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return nlohmann::json(text);
}

struct Normaliser {
  const ProfileRegistry& registry;
  std::vector<Issue>* issues;

  void report(const std::string& path, const std::string& code, const std::string& message) const {
    if (issues != nullptr) issues->push_back({"error", code, path, message, {}, {}});
  }

  nlohmann::json value(const nlohmann::json& in, const ElementNode* node, std::string_view type,
                       const std::string& path) const {
    if (isPrimitiveType(type)) {
      if (!in.is_string() || type == "string" || type == "xhtml") return in;
      auto typed = typedPrimitive(in.get<std::string>(), type);
      if (!typed) {
        std::string message = withPrefix("'", in.get<std::string>());
        message.append("' is not a valid ").append(type);
        report(path, "value", message);
        return in;
      }
      return *typed;
    }
    if (!in.is_object()) return in;
    if (type == "Resource" || type == "DomainResource" || in.contains("resourceType")) {
      return resource(in, path);
    }
    const ElementNode* holder = childrenHolder(node, type, registry);
    return object(in, holder, path);
  }

  nlohmann::json resource(const nlohmann::json& in, const std::string& path) const {
    const auto type = resourceTypeOf(in);
    const CompiledProfile* def = registry.typeDefinition(type);
    if (def == nullptr) {
      report(path, "structure", "unknown resource type '" + type + "'");
      return in;
    }
    return object(in, def->root, path.empty() ? type : path);
  }

  nlohmann::json object(const nlohmann::json& in, const ElementNode* holder, const std::string& path) const {
    if (holder == nullptr) return in;
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : in.items()) {
      if (key == "resourceType" || key.starts_with("_")) continue;
      const std::string childPath = path + "." + key;
      ChildMatch match = findChild(holder, key);
      if (match.node == nullptr) {
        report(childPath, "structure", "unknown element '" + key + "'");
        out[key] = item;
        continue;
      }
      const bool repeats = match.node->def->baseMax != 1;
      nlohmann::json list = item.is_array() ? item : nlohmann::json::array({item});
      nlohmann::json converted = nlohmann::json::array();
      for (std::size_t i = 0; i < list.size(); ++i) {
        converted.push_back(value(list[i], match.node, match.type,
                                  repeats ? childPath + "[" + std::to_string(i) + "]" : childPath));
      }
      if (repeats) {
        out[key] = std::move(converted);
      } else {
        if (converted.size() > 1) report(childPath, "structure", "element '" + key + "' repeats but may occur once");
        out[key] = converted.empty() ? nlohmann::json() : converted[0];
      }
      auto underscore = in.find(withPrefix("_", key));
      if (underscore != in.end()) {
        nlohmann::json u = *underscore;
        if (repeats && !u.is_array()) u = nlohmann::json::array({u});
        const CompiledProfile* element = registry.typeDefinition("Element");
        if (u.is_array()) {
          for (auto& part : u) {
            if (!part.is_null()) part = object(part, element ? element->root : nullptr, childPath);
          }
        } else {
          u = object(u, element ? element->root : nullptr, childPath);
        }
        out[withPrefix("_", key)] = std::move(u);
      }
    }
    if (in.contains("resourceType")) {
      nlohmann::json withType = {{"resourceType", in["resourceType"]}};
      withType.update(out);
      return withType;
    }
    return out;
  }
};

// ---- JSON -> XML ----

std::string primitiveText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

struct Writer {
  const ProfileRegistry& registry;

  void resource(pugi::xml_node parent, const nlohmann::json& res, bool withNamespace) const {
    // Any JSON may arrive here (a provider's body): without a string resourceType it is written
    // as a bare Resource rather than thrown about.
    std::string type = resourceTypeOf(res);
    if (type.empty()) type = "Resource";
    pugi::xml_node node = parent.append_child(type.c_str());
    if (withNamespace) node.append_attribute("xmlns") = kFhirNs;
    const CompiledProfile* def = registry.typeDefinition(type);
    object(node, res, def ? def->root : nullptr, true);
  }

  void element(pugi::xml_node parent, const std::string& name, const nlohmann::json& value,
               const nlohmann::json* underscore, const ElementNode* node, const std::string& type) const {
    if (name == "div" && value.is_string()) {
      pugi::xml_document fragment;
      if (fragment.load_string(value.get<std::string>().c_str(), pugi::parse_default | pugi::parse_ws_pcdata)) {
        for (const auto& child : fragment.children()) parent.append_copy(child);
        return;
      }
    }
    pugi::xml_node out = parent.append_child(name.c_str());
    if (value.is_object() && value.contains("resourceType")) {
      resource(out, value, false);
      return;
    }
    if (!value.is_object() && !value.is_null()) {
      if (underscore != nullptr && underscore->is_object()) {
        if (underscore->contains("id")) out.append_attribute("id") = primitiveText((*underscore)["id"]).c_str();
      }
      out.append_attribute("value") = primitiveText(value).c_str();
      if (underscore != nullptr && underscore->is_object()) {
        const CompiledProfile* el = registry.typeDefinition("Element");
        nlohmann::json rest = *underscore;
        rest.erase("id");
        object(out, rest, el ? el->root : nullptr, false);
      }
      return;
    }
    if (value.is_null() && underscore != nullptr && underscore->is_object()) {
      const CompiledProfile* el = registry.typeDefinition("Element");
      object(out, *underscore, el ? el->root : nullptr, false);
      return;
    }
    object(out, value, childrenHolder(node, type, registry), false);
  }

  void property(pugi::xml_node parent, const nlohmann::json& object, const std::string& key,
                const ElementNode* node, const std::string& type) const {
    auto it = object.find(key);
    auto underscore = object.find(withPrefix("_", key));
    const nlohmann::json* value = it == object.end() ? nullptr : &*it;
    const nlohmann::json* extra = underscore == object.end() ? nullptr : &*underscore;
    if (value == nullptr && extra == nullptr) return;
    const nlohmann::json nothing;
    if ((value && value->is_array()) || (extra && extra->is_array())) {
      const std::size_t n = std::max(value && value->is_array() ? value->size() : 0,
                                     extra && extra->is_array() ? extra->size() : 0);
      for (std::size_t i = 0; i < n; ++i) {
        const nlohmann::json& v = value && value->is_array() && i < value->size() ? (*value)[i] : nothing;
        const nlohmann::json* u = extra && extra->is_array() && i < extra->size() ? &(*extra)[i] : nullptr;
        element(parent, key, v, u, node, type);
      }
      return;
    }
    element(parent, key, value ? *value : nothing, extra, node, type);
  }

  void object(pugi::xml_node out, const nlohmann::json& in, const ElementNode* holder, bool isResource) const {
    if (!in.is_object()) return;
    std::vector<std::string> done = {"resourceType"};
    auto isDone = [&](const std::string& k) { return std::find(done.begin(), done.end(), k) != done.end(); };
    if (!isResource) {  // element ids and extension urls are attributes
      for (const char* attr : {"id", "url"}) {
        auto it = in.find(attr);
        if (it != in.end() && it->is_string()) {
          out.append_attribute(attr) = it->get<std::string>().c_str();
          done.emplace_back(attr);
        }
      }
    }
    if (holder != nullptr) {
      for (const ElementNode* child : holder->children) {
        std::vector<std::pair<std::string, std::string>> names;
        if (child->isChoice()) {
          for (const auto& t : child->def->types) {
            names.emplace_back(std::string(child->choicePrefix()) + choiceSuffix(t.code), t.code);
          }
        } else {
          names.emplace_back(child->name, child->def->types.empty() ? "" : child->def->types[0].code);
        }
        for (const auto& [name, type] : names) {
          if (isDone(name)) continue;
          property(out, in, name, child, type);
          done.push_back(name);
          done.push_back(withPrefix("_", name));
        }
      }
    }
    for (const auto& [key, value] : in.items()) {  // anything the definitions do not know, kept
      if (isDone(key) || key.starts_with("_")) continue;
      property(out, in, key, nullptr, {});
    }
  }
};

}  // namespace

nlohmann::json looseFromXml(const pugi::xml_node& resource) { return looseChildren(resource, true); }

nlohmann::json normaliseLoose(const nlohmann::json& value, std::string_view type,
                              const ProfileRegistry& registry, std::vector<Issue>* issues,
                              const std::string& path) {
  Normaliser n{registry, issues};
  if (isPrimitiveType(type)) return n.value(value, nullptr, type, path);
  if (!value.is_object()) {
    if (!value.is_array()) return value;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(normaliseLoose(item, type, registry, issues, path));
    return out;
  }
  return n.value(value, nullptr, type, path);
}

nlohmann::json parseXml(std::string_view xml, const ProfileRegistry& registry, std::vector<Issue>* issues) {
  if (const auto refused = refusedDoctype(xml)) {
    if (issues != nullptr) issues->push_back({"fatal", "security", "(document)", "XML refused: " + *refused, {}, {}});
    return nullptr;
  }
  // FHIR XML is UTF-8 (STU3 xml.html). pugixml keeps stray bytes as they are, and they would
  // surface later as strings nothing downstream can serialise; refused here, with the place.
  if (const auto bad = firstInvalidUtf8(xml)) {
    if (issues != nullptr) {
      issues->push_back({"fatal", "structure", "(document)",
                         "XML is not valid UTF-8: ill-formed byte sequence at offset " + std::to_string(*bad), {}, {}});
    }
    return nullptr;
  }
  pugi::xml_document doc;
  const auto result = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) {
    if (issues != nullptr) {
      issues->push_back({"fatal", "structure", "(document)",
                         std::string("invalid XML at offset ") + std::to_string(result.offset) + ": " +
                             result.description(),
                         {}, {}});
    }
    return nullptr;
  }
  if (nestsTooDeep(doc)) {
    if (issues != nullptr) issues->push_back({"fatal", "too-costly", "(document)", "XML " + tooDeepMessage(), {}, {}});
    return nullptr;
  }
  const pugi::xml_node root = doc.document_element();
  const pugi::xml_attribute ns = root.attribute("xmlns");
  if (issues != nullptr && (!ns || std::string_view(ns.value()) != kFhirNs)) {
    issues->push_back({"error", "structure", localName(root),
                       "root element is not in the FHIR namespace " + std::string(kFhirNs), {}, {}});
  }
  const nlohmann::json loose = looseFromXml(root);
  Normaliser n{registry, issues};
  return n.resource(loose, "");
}

std::string toXml(const nlohmann::json& resource, const ProfileRegistry& registry) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  Writer{registry}.resource(doc, resource, true);
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

}  // namespace gpc::fhir
