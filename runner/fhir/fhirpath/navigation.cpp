// Walking FHIR JSON: properties, `_x` siblings of primitives, choice elements, types.
#include <cctype>
#include <set>

#include "runner/fhir/fhirpath/evaluator.h"

namespace gpc::fhirpath::detail {
namespace {

// Type names that may follow a choice element's name ("valueQuantity"), in their
// JSON-suffix spelling. Used only without TypeInfo, so "statusReason" is not taken
// for a choice of "status".
const std::set<std::string, std::less<>>& choiceSuffixes() {
  static const std::set<std::string, std::less<>> names = {
      "Boolean", "Integer", "Decimal", "Base64Binary", "Instant", "String", "Uri", "Url", "Canonical",
      "Uuid", "Date", "DateTime", "Time", "Code", "Oid", "Id", "UnsignedInt", "PositiveInt", "Markdown",
      "Annotation", "Attachment", "Identifier", "CodeableConcept", "Coding", "Quantity", "Range",
      "Period", "Ratio", "SampledData", "Signature", "HumanName", "Address", "ContactPoint", "Timing",
      "Reference", "Meta", "Age", "Count", "Distance", "Duration", "Money", "Dosage",
      "ContactDetail", "Contributor", "DataRequirement", "ParameterDefinition",
      "RelatedArtifact", "TriggerDefinition", "UsageContext", "Expression", "Narrative",
      "Extension", "ElementDefinition", "BackboneElement", "SimpleQuantity"};
  return names;
}

// "Quantity" stays; primitive type names start lower-case ("DateTime" -> "dateTime").
std::string typeFromSuffix(std::string_view suffix) {
  static const std::set<std::string, std::less<>> primitives = {
      "Boolean", "Integer", "Decimal", "Base64Binary", "Instant", "String", "Uri", "Url", "Canonical",
      "Uuid", "Date", "DateTime", "Time", "Code", "Oid", "Id", "UnsignedInt", "PositiveInt", "Markdown"};
  std::string t(suffix);
  if (primitives.count(suffix)) t[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(t[0])));
  return t;
}

std::string guessType(const json& j) {
  if (j.is_object() && j.contains("resourceType") && j["resourceType"].is_string())
    return j["resourceType"].get<std::string>();
  if (j.is_boolean()) return "boolean";
  if (j.is_number_integer()) return "integer";
  if (j.is_number_float()) return "decimal";
  if (j.is_string()) return "string";
  return "";
}

// The type of property `element` of `parent` as the choice suffix or TypeInfo declares it;
// empty when neither knows. Looked up once per property, not per array item.
std::string declaredType(const Value& parent, std::string_view element, const std::string& choiceType,
                         const Env& env) {
  if (!choiceType.empty()) return choiceType;
  if (env.types && !parent.type.empty()) {
    auto types = env.types->elementTypes(parent.type, element);
    if (types.size() == 1) {
      const std::string& t = types.front();
      if (t == "BackboneElement" || t == "Element") return parent.type + "." + std::string(element);
      return t;
    }
  }
  return {};
}

// A contained or entry resource is its own resourceType; otherwise the declared type, or a
// guess from the JSON value.
std::string itemType(const std::string& declared, const json& sample) {
  if (sample.is_object() && sample.contains("resourceType") && sample["resourceType"].is_string())
    return sample["resourceType"].get<std::string>();
  return declared.empty() ? guessType(sample) : declared;
}

void appendProperty(Collection& out, const Value& parent, const json& d, const std::string& prop,
                    std::string_view element, const std::string& choiceType, const Env& env) {
  auto it = d.find(prop);
  auto ext = d.find("_" + prop);
  const json* value = it != d.end() ? &*it : nullptr;
  const json* extras = ext != d.end() ? &*ext : nullptr;
  const std::string declared = declaredType(parent, element, choiceType, env);
  static const json kNoValue;
  auto add = [&](const json* v, const json* x, long long index) {
    if ((!v || v->is_null()) && (!x || !x->is_object())) return;
    Value item;
    item.node = v && !v->is_null() ? v : nullptr;
    item.extras = x && x->is_object() ? x : nullptr;
    item.type = itemType(declared, v ? *v : kNoValue);
    item.keep = parent.owned ? parent.owned : parent.keep;
    if (env.trackLocations) {
      item.location = parent.location + "." + prop;
      // Appended piece by piece: `"[" + std::to_string(index)` trips GCC 12's false -Wrestrict
      // at -O3 (bug 105329), which -Werror makes fatal.
      if (index >= 0) item.location.append("[").append(std::to_string(index)).append("]");
    }
    out.push_back(std::move(item));
  };
  bool valueArray = value && value->is_array(), extrasArray = extras && extras->is_array();
  if (valueArray || extrasArray) {
    std::size_t n = std::max(valueArray ? value->size() : 0, extrasArray ? extras->size() : 0);
    for (std::size_t i = 0; i < n; ++i)
      add(valueArray && i < value->size() ? &(*value)[i] : nullptr,
          extrasArray && i < extras->size() ? &(*extras)[i] : nullptr, static_cast<long long>(i));
  } else {
    add(value, extras, -1);
  }
}

}  // namespace

Collection member(const Value& parent, std::string_view name, const Env& env) {
  Collection out;
  const json& d = parent.data();
  if (!d.is_object()) {
    // Primitives carry id and extension in their `_x` sibling.
    if (parent.extras && (name == "extension" || name == "id"))
      appendProperty(out, parent, *parent.extras, std::string(name), name, "", env);
    return out;
  }
  std::string prop(name);
  if (d.contains(prop) || d.contains("_" + prop)) {
    appendProperty(out, parent, d, prop, name, "", env);
    return out;
  }
  if (env.types && !parent.type.empty()) {
    for (const auto& [property, type] : env.types->choiceProperties(parent.type, name))
      if (d.contains(property) || d.contains("_" + property))
        appendProperty(out, parent, d, property, name, type, env);
    if (!out.empty()) return out;
  }
  for (auto it = d.begin(); it != d.end(); ++it) {
    const std::string& key = it.key();
    if (key.size() > prop.size() && key.compare(0, prop.size(), prop) == 0 &&
        choiceSuffixes().count(std::string_view(key).substr(prop.size())))
      appendProperty(out, parent, d, key, name, typeFromSuffix(std::string_view(key).substr(prop.size())), env);
  }
  return out;
}

Collection children(const Value& parent, const Env& env) {
  Collection out;
  const json& d = parent.data();
  if (!d.is_object()) {
    if (parent.extras) {
      for (const char* p : {"id", "extension"})
        if (parent.extras->contains(p)) appendProperty(out, parent, *parent.extras, p, p, "", env);
    }
    return out;
  }
  for (auto it = d.begin(); it != d.end(); ++it) {
    const std::string& key = it.key();
    if (key == "resourceType") continue;
    if (!key.empty() && key[0] == '_') {
      if (!d.contains(key.substr(1))) appendProperty(out, parent, d, key.substr(1), key.substr(1), "", env);
      continue;
    }
    appendProperty(out, parent, d, key, key, "", env);
  }
  return out;
}

bool isType(const Value& v, std::string_view typeName, const Env& env) {
  std::string want(typeName);
  bool system = false;
  if (want.rfind("FHIR.", 0) == 0) {
    want = want.substr(5);
  } else if (want.rfind("System.", 0) == 0) {
    want = want.substr(7);
    system = true;
  }
  const std::string& have = v.type;
  if (have.rfind("System.", 0) == 0) return have.substr(7) == want;
  if (system) return false;  // FHIR primitives are FHIR types, not System ones
  if (have == want) return true;
  if (have.empty()) return false;
  // FHIR primitives match only their own type: a code is not `as(string)`.
  if (env.types && !env.types->isPrimitive(have) && env.types->isSubtypeOf(have, want)) return true;
  if (isResourceObject(v)) return want == "Resource" || (want == "DomainResource" && have != "Bundle" &&
                                                         have != "Parameters" && have != "Binary");
  return false;
}

}  // namespace gpc::fhirpath::detail
