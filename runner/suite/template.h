#pragma once
// `{name}` placeholders in suite strings. `{{` and `}}` are literal braces; a brace not
// followed by a name and `}` is literal too, so JSON fixture text passes through untouched.

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc {

struct UnknownVariable : std::runtime_error {
  explicit UnknownVariable(std::string n) : std::runtime_error("unknown variable {" + n + "}"), name(std::move(n)) {}
  std::string name;
};

// Returns the value for a name, or nullopt when it is not known.
using VariableLookup = std::function<std::optional<nlohmann::json>(const std::string& name)>;

enum class Unknown { Keep, Throw };

// Names referenced by `{name}` in text, in order.
std::vector<std::string> referencedNames(std::string_view text);

// Replaces every `{name}`; a JSON string value is inserted as is, other values as JSON text.
std::string substitute(std::string_view text, const VariableLookup& lookup, Unknown unknown);

// Substitutes in every string (and object key) of `value`. A string that is exactly "{name}"
// takes the variable's JSON value, so numbers stay numbers.
nlohmann::json substituteJson(const nlohmann::json& value, const VariableLookup& lookup, Unknown unknown);

// Whether substituteJson could change `value`: some string or key holds a brace (a
// placeholder or an escaped {{ }}). When not, the value can be used as it is.
bool mayNeedSubstitution(const nlohmann::json& value);

}  // namespace gpc
