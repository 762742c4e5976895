#include "runner/fhir/primitives.h"

#include <cctype>

namespace gpc::fhir {
namespace {

bool digits(std::string_view s, std::size_t& i, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k, ++i) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool twoDigitsInRange(std::string_view s, std::size_t& i, int lo, int hi) {
  const std::size_t start = i;
  if (!digits(s, i, 2)) return false;
  const int v = (s[start] - '0') * 10 + (s[start + 1] - '0');
  return v >= lo && v <= hi;
}

// YYYY, YYYY-MM or YYYY-MM-DD from i; `full` demands all three parts.
bool datePart(std::string_view s, std::size_t& i, bool full) {
  if (!digits(s, i, 4)) return false;
  if (i == s.size() || s[i] != '-') return !full;
  ++i;
  if (!twoDigitsInRange(s, i, 1, 12)) return false;
  if (i == s.size() || s[i] != '-') return !full;
  ++i;
  return twoDigitsInRange(s, i, 1, 31);
}

bool timePart(std::string_view s, std::size_t& i) {
  if (!twoDigitsInRange(s, i, 0, 23) || i >= s.size() || s[i++] != ':') return false;
  if (!twoDigitsInRange(s, i, 0, 59) || i >= s.size() || s[i++] != ':') return false;
  if (!twoDigitsInRange(s, i, 0, 60)) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return false;
  }
  return true;
}

bool zonePart(std::string_view s, std::size_t& i) {
  if (i < s.size() && s[i] == 'Z') return ++i == s.size();
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
    if (!twoDigitsInRange(s, i, 0, 14) || i >= s.size() || s[i++] != ':') return false;
    return twoDigitsInRange(s, i, 0, 59) && i == s.size();
  }
  return false;
}

bool isDate(std::string_view s) {
  std::size_t i = 0;
  return datePart(s, i, false) && i == s.size();
}

bool isDateTime(std::string_view s, bool instant) {
  std::size_t i = 0;
  if (!datePart(s, i, instant)) return false;
  if (i == s.size()) return !instant;
  if (s[i] != 'T' || (i != 10)) return false;
  ++i;
  return timePart(s, i) && zonePart(s, i);
}

bool isTime(std::string_view s) {
  std::size_t i = 0;
  return timePart(s, i) && i == s.size();
}

bool isId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  }
  return true;
}

bool isCode(std::string_view s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s.front())) ||
      std::isspace(static_cast<unsigned char>(s.back()))) {
    return false;
  }
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (std::isspace(static_cast<unsigned char>(s[i])) && std::isspace(static_cast<unsigned char>(s[i - 1]))) {
      return false;
    }
  }
  return true;
}

bool isUri(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool isOid(std::string_view s) { return s.starts_with("urn:oid:") && s.size() > 8; }

bool isBase64(std::string_view s) {
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=' &&
        !std::isspace(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> primitiveProblem(const nlohmann::json& value, std::string_view type) {
  const std::string t(type);
  if (type == "boolean") {
    if (!value.is_boolean()) return "a boolean must be JSON true or false, not " + value.dump();
    return std::nullopt;
  }
  if (type == "integer" || type == "positiveInt" || type == "unsignedInt") {
    if (!value.is_number_integer()) return "an " + t + " must be a JSON integer, not " + value.dump();
    const auto v = value.get<long long>();
    if (v < -2147483648LL || v > 2147483647LL) return "integer out of range: " + value.dump();
    if (type == "positiveInt" && v < 1) return "a positiveInt must be 1 or more, not " + value.dump();
    if (type == "unsignedInt" && v < 0) return "an unsignedInt must be 0 or more, not " + value.dump();
    return std::nullopt;
  }
  if (type == "decimal") {
    if (!value.is_number()) return "a decimal must be a JSON number, not " + value.dump();
    return std::nullopt;
  }
  if (!value.is_string()) return "a " + t + " must be a JSON string, not " + value.dump();
  const auto& s = value.get_ref<const std::string&>();
  if (s.empty()) return "a " + t + " must not be empty";
  bool ok = true;
  if (type == "date") ok = isDate(s);
  else if (type == "dateTime") ok = isDateTime(s, false);
  else if (type == "instant") ok = isDateTime(s, true);
  else if (type == "time") ok = isTime(s);
  else if (type == "id") ok = isId(s);
  else if (type == "code") ok = isCode(s);
  else if (type == "uri") ok = isUri(s);
  else if (type == "oid") ok = isOid(s);
  else if (type == "base64Binary") ok = isBase64(s);
  if (!ok) return "'" + s + "' is not a valid " + t;
  return std::nullopt;
}

}  // namespace gpc::fhir
