#pragma once
// Lexical checks of FHIR primitive values (STU3 regular expressions, written out by hand because
// std::regex is too slow for megabyte bundles).

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gpc::fhir {

// Why `value` is not a valid `type` ("boolean", "date", ...), or nullopt when it is.
std::optional<std::string> primitiveProblem(const nlohmann::json& value, std::string_view type);

}  // namespace gpc::fhir
