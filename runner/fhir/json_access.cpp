#include "runner/fhir/json_access.h"

#include <charconv>

#include "runner/fhir/model.h"

namespace gpc::fhir {

const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::vector<const nlohmann::json*> items(const nlohmann::json& object, std::string_view key) {
  std::vector<const nlohmann::json*> out;
  const nlohmann::json* value = member(object, key);
  if (value == nullptr) return out;
  if (value->is_array()) {
    for (const auto& item : *value) out.push_back(&item);
  } else {
    out.push_back(value);
  }
  return out;
}

std::string resourceTypeOf(const nlohmann::json& resource) {
  const nlohmann::json* type = member(resource, "resourceType");
  return type != nullptr && type->is_string() ? type->get<std::string>() : std::string();
}

std::string stringAt(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = member(object, key);
  if (value == nullptr) return {};
  if (value->is_array() && !value->empty()) value = &(*value)[0];
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number() || value->is_boolean()) return value->dump();
  return {};
}

static int parseInt(std::string_view text, int fallback) {
  int result = fallback;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
  return (ec == std::errc() && ptr == text.data() + text.size()) ? result : fallback;
}

int intAt(const nlohmann::json& object, std::string_view key, int fallback) {
  const nlohmann::json* value = member(object, key);
  if (value == nullptr) return fallback;
  if (value->is_number_integer()) return value->get<int>();
  if (value->is_string()) return parseInt(value->get<std::string>(), fallback);
  return fallback;
}

bool boolAt(const nlohmann::json& object, std::string_view key, bool fallback) {
  const nlohmann::json* value = member(object, key);
  if (value == nullptr) return fallback;
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_string()) return value->get<std::string>() == "true";
  return fallback;
}

int maxFrom(const nlohmann::json& value, int fallback) {
  if (!value.is_string()) return value.is_number_integer() ? value.get<int>() : fallback;
  const auto text = value.get<std::string>();
  if (text == "*") return kUnbounded;
  return parseInt(text, fallback);
}

}  // namespace gpc::fhir
