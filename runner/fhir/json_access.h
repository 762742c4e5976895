#pragma once
// Tolerant readers over FHIR JSON that may come straight from XML without type information
// (single values where JSON would have arrays, numbers as strings). Definition readers use them so
// official XML definitions load without knowing their own definitions first.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc::fhir {

// The items of `key`: the array's elements, the single value, or nothing.
std::vector<const nlohmann::json*> items(const nlohmann::json& object, std::string_view key);
const nlohmann::json* member(const nlohmann::json& object, std::string_view key);
std::string stringAt(const nlohmann::json& object, std::string_view key);
int intAt(const nlohmann::json& object, std::string_view key, int fallback);
bool boolAt(const nlohmann::json& object, std::string_view key, bool fallback);
// The resource's resourceType, or "" when `resource` is not an object or its resourceType is not
// a string. Provider bodies can be any JSON: nlohmann's value() would throw on {"resourceType": 5}.
std::string resourceTypeOf(const nlohmann::json& resource);
// "*" -> kUnbounded, digits -> value, otherwise fallback.
int maxFrom(const nlohmann::json& value, int fallback);

}  // namespace gpc::fhir
