#include "runner/core/json_input.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace gpc::json_input {
namespace {

// nlohmann reports a byte offset; people want line and column.
std::pair<std::size_t, std::size_t> lineColumn(const std::string& text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      auto same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const char* kindName(Kind k) {
  switch (k) {
    case Kind::String: return "a string";
    case Kind::Integer: return "an integer";
    case Kind::Number: return "a number";
    case Kind::Boolean: return "a boolean";
    case Kind::Object: return "an object";
    case Kind::Array: return "a list";
  }
  return "a value";
}

bool isKind(const nlohmann::json& v, Kind k) {
  switch (k) {
    case Kind::String: return v.is_string();
    case Kind::Integer: return v.is_number_integer();
    case Kind::Number: return v.is_number();
    case Kind::Boolean: return v.is_boolean();
    case Kind::Object: return v.is_object();
    case Kind::Array: return v.is_array();
  }
  return false;
}

}  // namespace

nlohmann::json parse(const std::string& text, const std::string& file) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is one past the offending character.
    auto [line, column] = lineColumn(text, e.byte == 0 ? 0 : e.byte - 1);
    std::string what = e.what();
    // Keep nlohmann's explanation, drop its "[json.exception...] parse error at line..." prefix.
    auto colon = what.rfind(": ");
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    throw LoadError(file, "", "invalid JSON at line " + std::to_string(line) + ", column " +
                                  std::to_string(column) + ": " + detail);
  }
}

std::string readFile(const std::string& path, const std::string& displayName) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(displayName, "", "cannot read file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

nlohmann::json parseFile(const std::string& path, const std::string& displayName) {
  return parse(readFile(path, displayName), displayName);
}

std::string child(const std::string& pointer, std::string_view key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string child(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::string describeType(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return "a value";
}

std::string oneOf(const std::vector<std::string>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i)
    out += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
  return out;
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    auto d = editDistance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

void checkKeys(const nlohmann::json& object, const std::string& file, const std::string& pointer,
               const std::vector<std::string>& allowed) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string reason = "unknown key";
    if (auto hint = closest(key, allowed); !hint.empty()) reason += " (did you mean \"" + hint + "\"?)";
    throw LoadError(file, child(pointer, key), reason);
  }
}

void checkKeys(const nlohmann::json& object, const std::string& file, const std::string& pointer,
               std::initializer_list<std::string_view> allowed) {
  checkKeys(object, file, pointer, std::vector<std::string>(allowed.begin(), allowed.end()));
}

void expect(const nlohmann::json& value, Kind kind, const std::string& file, const std::string& pointer) {
  if (!isKind(value, kind))
    throw LoadError(file, pointer, std::string("expected ") + kindName(kind) + ", got " + describeType(value));
}

void expectStringList(const nlohmann::json& value, const std::string& file, const std::string& pointer) {
  expect(value, Kind::Array, file, pointer);
  for (std::size_t i = 0; i < value.size(); ++i) expect(value[i], Kind::String, file, child(pointer, i));
}

const nlohmann::json& required(const nlohmann::json& object, std::string_view key, Kind kind,
                               const std::string& file, const std::string& pointer) {
  auto it = object.find(key);
  if (it == object.end())
    throw LoadError(file, pointer, "missing required field \"" + std::string(key) + "\"");
  expect(*it, kind, file, child(pointer, key));
  return *it;
}

const nlohmann::json* optional(const nlohmann::json& object, std::string_view key, Kind kind,
                               const std::string& file, const std::string& pointer) {
  auto it = object.find(key);
  if (it == object.end()) return nullptr;
  expect(*it, kind, file, child(pointer, key));
  return &*it;
}

std::string optionalString(const nlohmann::json& object, std::string_view key, const std::string& file,
                           const std::string& pointer, const std::string& fallback) {
  const auto* v = optional(object, key, Kind::String, file, pointer);
  return v ? v->get<std::string>() : fallback;
}

}  // namespace gpc::json_input
