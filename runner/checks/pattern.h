#pragma once
// Regular expressions in suites: ECMAScript syntax, searched (not anchored), with a leading
// `(?i)` accepted as "ignore case" because suite writers reach for it and std::regex lacks it.

#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "runner/fhir/safe_regex.h"

namespace gpc::checks {

// Throws std::regex_error for an invalid pattern.
inline std::regex compilePattern(const std::string& pattern) {
  if (pattern.rfind("(?i)", 0) == 0) return fhir::compileRegex(pattern.substr(4), std::regex::ECMAScript | std::regex::icase);
  return fhir::compileRegex(pattern);
}

// Whether `subject` (provider text) contains a match; a subject too long to match safely is
// no match, and `refusal` (when given) says why.
inline bool searchPattern(const std::string& subject, const std::regex& re, std::string* refusal = nullptr) {
  try {
    return fhir::regexSearch(subject, re);
  } catch (const fhir::RegexTooCostly& e) {
    if (refusal) *refusal = e.what();
    return false;
  }
}

// The load-time shape of a pattern in a suite: a string that compiles, else LoadError at `pointer`.
void validatePattern(const nlohmann::json& value, const std::string& file, const std::string& pointer);

}  // namespace gpc::checks
