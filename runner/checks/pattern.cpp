#include "runner/checks/pattern.h"

#include "runner/core/json_input.h"
#include "runner/core/load_error.h"

namespace gpc::checks {

void validatePattern(const nlohmann::json& value, const std::string& file, const std::string& pointer) {
  json_input::expect(value, json_input::Kind::String, file, pointer);
  try {
    (void)compilePattern(value.get<std::string>());
  } catch (const std::regex_error& e) {
    throw LoadError(file, pointer, std::string("invalid regular expression: ") + e.what());
  }
}

}  // namespace gpc::checks
