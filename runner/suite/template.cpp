#include "runner/suite/template.h"

#include <algorithm>

namespace gpc {
namespace {

bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '+';
}

// If text[pos] == '{' starts a placeholder, its name's length; else 0.
std::size_t placeholderAt(std::string_view text, std::size_t pos, std::string* name) {
  std::size_t end = pos + 1;
  if (end >= text.size() || !(std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '_')) return 0;
  while (end < text.size() && isNameChar(text[end])) ++end;
  if (end >= text.size() || text[end] != '}') return 0;
  *name = std::string(text.substr(pos + 1, end - pos - 1));
  return end - pos + 1;
}

std::string asText(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

std::vector<std::string> referencedNames(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] == '{' || text[i] == '}') && i + 1 < text.size() && text[i + 1] == text[i]) {
      ++i;
      continue;
    }
    std::string name;
    if (text[i] == '{') {
      if (auto len = placeholderAt(text, i, &name)) {
        out.push_back(name);
        i += len - 1;
      }
    }
  }
  return out;
}

std::string substitute(std::string_view text, const VariableLookup& lookup, Unknown unknown) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      // Escaped brace: when keeping unknowns (example expansion) leave the escape for the later pass.
      out += unknown == Unknown::Keep ? std::string(2, c) : std::string(1, c);
      ++i;
      continue;
    }
    std::string name;
    std::size_t len = c == '{' ? placeholderAt(text, i, &name) : 0;
    if (len == 0) {
      out += c;
      continue;
    }
    if (auto value = lookup(name)) {
      out += asText(*value);
    } else if (unknown == Unknown::Throw) {
      throw UnknownVariable(name);
    } else {
      out.append(text.substr(i, len));
    }
    i += len - 1;
  }
  return out;
}

bool mayNeedSubstitution(const nlohmann::json& value) {
  const auto braced = [](const std::string& s) { return s.find_first_of("{}") != std::string::npos; };
  if (value.is_string()) return braced(value.get_ref<const std::string&>());
  if (value.is_array()) return std::any_of(value.begin(), value.end(), [](const nlohmann::json& v) { return mayNeedSubstitution(v); });
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      if (braced(it.key()) || mayNeedSubstitution(it.value())) return true;
  }
  return false;
}

nlohmann::json substituteJson(const nlohmann::json& value, const VariableLookup& lookup, Unknown unknown) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    std::string name;
    if (!s.empty() && s.front() == '{' && placeholderAt(s, 0, &name) == s.size()) {
      if (auto v = lookup(name)) return *v;
      if (unknown == Unknown::Throw) throw UnknownVariable(name);
      return value;
    }
    return substitute(s, lookup, unknown);
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(substituteJson(item, lookup, unknown));
    return out;
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : value.items()) out[substitute(k, lookup, unknown)] = substituteJson(v, lookup, unknown);
    return out;
  }
  return value;
}

}  // namespace gpc
