#pragma once
// Regular expressions in suites: ECMAScript syntax, searched (not anchored), with a leading
// `(?i)` accepted as "ignore case" because suite writers reach for it and std::regex lacks it.

#include <regex>
#include <string>

#include <nlohmann/json.hpp>

namespace gpc::checks {

// Throws std::regex_error for an invalid pattern.
inline std::regex compilePattern(const std::string& pattern) {
  if (pattern.rfind("(?i)", 0) == 0) return std::regex(pattern.substr(4), std::regex::ECMAScript | std::regex::icase);
  return std::regex(pattern, std::regex::ECMAScript);
}

// The load-time shape of a pattern in a suite: a string that compiles, else LoadError at `pointer`.
void validatePattern(const nlohmann::json& value, const std::string& file, const std::string& pointer);

}  // namespace gpc::checks
