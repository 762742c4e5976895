#pragma once
// Small string helpers. `withPrefix` exists because GCC 12 at -O3 reports a false -Wrestrict on
// `"_" + name` (GCC bug 105329), which -Werror turns into a build failure.

#include <string>
#include <string_view>

namespace gpc::fhir {

inline std::string withPrefix(std::string_view prefix, std::string_view text) {
  std::string out;
  out.reserve(prefix.size() + text.size());
  out.append(prefix).append(text);
  return out;
}

}  // namespace gpc::fhir
