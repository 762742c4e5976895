#pragma once
// Reading hand-written JSON (suites, interactions, targets) with errors that name the place:
// every helper takes the file name and the JSON pointer of the value it looks at.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/core/load_error.h"

namespace gpc::json_input {

// Parses text; a syntax error becomes LoadError "file: invalid JSON at line L, column C: ...".
nlohmann::json parse(const std::string& text, const std::string& file);
// Reads a whole file; LoadError "cannot read file" on failure.
std::string readFile(const std::string& path, const std::string& displayName);
// Reads and parses a file; "cannot read file" on failure.
nlohmann::json parseFile(const std::string& path, const std::string& displayName);

// `pointer` + "/" + escaped key (RFC 6901: ~ -> ~0, / -> ~1).
std::string child(const std::string& pointer, std::string_view key);
std::string child(const std::string& pointer, std::size_t index);

// "a string", "an object", ... as used in messages.
std::string describeType(const nlohmann::json& v);

// Throws LoadError for the first key of `object` not in `allowed`, with a "did you mean" hint.
void checkKeys(const nlohmann::json& object, const std::string& file, const std::string& pointer,
               std::initializer_list<std::string_view> allowed);
void checkKeys(const nlohmann::json& object, const std::string& file, const std::string& pointer,
               const std::vector<std::string>& allowed);

// The closest candidate within a small edit distance, or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// "a, b or c", for messages naming what was allowed.
std::string oneOf(const std::vector<std::string>& choices);

enum class Kind { String, Integer, Number, Boolean, Object, Array };
// Throws LoadError "expected <kind>, got <type>" unless `value` is of `kind`.
void expect(const nlohmann::json& value, Kind kind, const std::string& file, const std::string& pointer);
// Throws LoadError unless `value` is a list of strings (naming the first item that is not).
void expectStringList(const nlohmann::json& value, const std::string& file, const std::string& pointer);
// The member `key` of `object`, which must exist and be of `kind`.
const nlohmann::json& required(const nlohmann::json& object, std::string_view key, Kind kind,
                               const std::string& file, const std::string& pointer);
// The member `key` if present (checked to be of `kind`), else nullptr.
const nlohmann::json* optional(const nlohmann::json& object, std::string_view key, Kind kind,
                               const std::string& file, const std::string& pointer);
std::string optionalString(const nlohmann::json& object, std::string_view key,
                           const std::string& file, const std::string& pointer,
                           const std::string& fallback = "");

// Runs a per-file loader; any exception other than LoadError (a check the loader forgot, e.g. a
// nlohmann type_error) becomes LoadError "file: unexpected content (...)" so it still names the file.
template <class Load>
auto namingFile(const std::string& file, Load&& load) -> decltype(load()) {
  try {
    return load();
  } catch (const LoadError&) {
    throw;
  } catch (const std::exception& e) {
    throw LoadError(file, "", std::string("unexpected content (") + e.what() + ")");
  }
}

}  // namespace gpc::json_input
