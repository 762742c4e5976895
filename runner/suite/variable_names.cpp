#include "runner/suite/variable_names.h"

#include <array>
#include <regex>

#include "runner/request/generated.h"

namespace gpc {

bool isBuiltinVariable(std::string_view name) {
  if (name == "trace_id" || name == "uuid" || name == "now" || name == "today") return true;
  if (isGeneratedVariable(name)) return true;
  static const std::regex offset(R"(today[+-][0-9]+[dmy])");
  return std::regex_match(name.begin(), name.end(), offset);
}

bool isTargetVariable(std::string_view name) {
  static constexpr std::array<std::string_view, 10> roots = {
      "name", "endpoints", "ssp_prefix", "asid", "practice", "jwt", "patients", "organisations", "practitioners",
      "locations"};
  auto dot = name.find('.');
  auto root = name.substr(0, dot);
  for (auto r : roots)
    if (r == root) return true;
  return false;
}

}  // namespace gpc
