#pragma once
// Regular expressions in suites: ECMAScript syntax, searched (not anchored), with a leading
// `(?i)` accepted as "ignore case" because suite writers reach for it and std::regex lacks it.

#include <regex>
#include <string>

namespace gpc::checks {

// Throws std::regex_error for an invalid pattern.
inline std::regex compilePattern(const std::string& pattern) {
  if (pattern.rfind("(?i)", 0) == 0) return std::regex(pattern.substr(4), std::regex::ECMAScript | std::regex::icase);
  return std::regex(pattern, std::regex::ECMAScript);
}

}  // namespace gpc::checks
