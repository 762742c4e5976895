// FHIRPath functions: strings (indexOf, substring, matches, replace, encode ...).
#include <regex>
#include <string>
#include <vector>

#include "runner/fhir/fhirpath/codec.h"
#include "runner/fhir/fhirpath/functions/library.h"
#include "runner/fhir/safe_regex.h"

namespace gpc::fhirpath::detail::functions {
namespace {

std::optional<std::string> stringInput(const Collection& c, const Node& n) {
  const Value* v = single(c, n);
  if (!v) return std::nullopt;
  auto s = toFhirPathString(*v);
  if (!s || kindOf(*v) != Kind::String) {
    if (s && (kindOf(*v) == Kind::Date || kindOf(*v) == Kind::DateTime || kindOf(*v) == Kind::Time)) return s;
    fail(n, n.name + "() expects a string input");
  }
  return s;
}

// FHIRPath regexes run in single-line mode: '.' also matches a newline, which ECMAScript's
// '.' does not, so an unescaped '.' outside a class becomes [\s\S].
std::string singleLineMode(const std::string& pattern) {
  std::string out;
  bool inClass = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (c == '[') inClass = true;
    if (c == ']') inClass = false;
    out += (c == '.' && !inClass) ? std::string("[\\s\\S]") : std::string(1, c);
  }
  return out;
}

std::regex compileRegex(const Node& n, const std::string& pattern) {
  try {
    return fhir::compileRegex(singleLineMode(pattern));
  } catch (const std::regex_error& e) {
    fail(n, n.name + "(): invalid regular expression '" + pattern + "': " + e.what());
  }
}

using StringFn = std::function<Collection(const Node&, const std::string&, const Env&)>;

Spec stringFunction(std::size_t minArgs, std::size_t maxArgs, StringFn fn) {
  return {minArgs, maxArgs, [fn](const Node& n, const Collection& in, const Env& env) -> Collection {
            auto s = stringInput(in, n);
            if (!s) return {};
            return fn(n, *s, env);
          }};
}

// A string function of one string argument giving a boolean (startsWith, contains...).
Spec stringTest(std::function<bool(const std::string&, const std::string&)> test) {
  return stringFunction(1, 1, [test](const Node& n, const std::string& s, const Env& env) {
    auto arg = stringArg(n, 0, env);
    return arg ? boolean(test(s, *arg)) : Collection{};
  });
}

using Codec = std::optional<std::string> (*)(const std::string&, const std::string&);

// encode/decode/escape/unescape(format): empty when the format is unknown or the text does not decode.
Spec codecFunction(Codec codec) {
  return stringFunction(1, 1, [codec](const Node& n, const std::string& s, const Env& env) {
    auto format = stringArg(n, 0, env);
    if (!format) return Collection{};
    auto r = codec(s, *format);
    return r ? Collection{makeString(*r)} : Collection{};
  });
}

// Counts code points so length() and substring() agree with FHIRPath on non-ASCII text.
std::vector<std::string> codePoints(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string joinPoints(const std::vector<std::string>& points, std::size_t from, std::size_t count) {
  std::string out;
  for (std::size_t i = from; i < points.size() && i < from + count; ++i) out += points[i];
  return out;
}

}  // namespace

void addStringFunctions(Table& table) {
  table.insert({
      {"indexOf", stringFunction(1, 1, [](const Node& n, const std::string& s, const Env& env) {
         auto sub = stringArg(n, 0, env);
         if (!sub) return Collection{};
         auto pos = s.find(*sub);
         return Collection{makeInteger(pos == std::string::npos ? -1
                                       : static_cast<long long>(codePoints(s.substr(0, pos)).size()))};
       })},
      {"substring", stringFunction(1, 2, [](const Node& n, const std::string& s, const Env& env) {
         auto start = integerArg(n, 0, env);
         auto points = codePoints(s);
         if (!start || *start < 0 || *start >= static_cast<long long>(points.size())) return Collection{};
         std::size_t count = points.size();
         if (argCount(n) > 1) {
           auto len = integerArg(n, 1, env);
           if (!len) return Collection{makeString(joinPoints(points, static_cast<std::size_t>(*start), count))};
           count = static_cast<std::size_t>(std::max<long long>(0, *len));
         }
         return Collection{makeString(joinPoints(points, static_cast<std::size_t>(*start), count))};
       })},
      {"startsWith", stringTest([](const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; })},
      {"endsWith", stringTest([](const std::string& s, const std::string& p) { return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0; })},
      {"contains", stringTest([](const std::string& s, const std::string& p) { return s.find(p) != std::string::npos; })},
      {"upper", stringFunction(0, 0, [](const Node&, std::string s, const Env&) {
         std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
         return Collection{makeString(s)};
       })},
      {"lower", stringFunction(0, 0, [](const Node&, std::string s, const Env&) {
         std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
         return Collection{makeString(s)};
       })},
      {"replace", stringFunction(2, 2, [](const Node& n, const std::string& s, const Env& env) {
         auto pattern = stringArg(n, 0, env);
         auto with = stringArg(n, 1, env);
         if (!pattern || !with) return Collection{};
         std::string out;
         if (pattern->empty()) {
           // An empty pattern inserts the substitution around every character.
           for (const std::string& p : codePoints(s)) out += *with + p;
           return Collection{makeString(out + *with)};
         }
         std::size_t pos = 0;
         for (;;) {
           auto hit = s.find(*pattern, pos);
           if (hit == std::string::npos) break;
           out += s.substr(pos, hit - pos) + *with;
           pos = hit + pattern->size();
         }
         return Collection{makeString(out + s.substr(pos))};
       })},
      {"matches", stringFunction(1, 1, [](const Node& n, const std::string& s, const Env& env) {
         auto p = stringArg(n, 0, env);
         if (!p) return Collection{};
         return boolean(fhir::regexSearch(s, compileRegex(n, *p)));
       })},
      {"matchesFull", stringFunction(1, 1, [](const Node& n, const std::string& s, const Env& env) {
         auto p = stringArg(n, 0, env);
         if (!p) return Collection{};
         return boolean(fhir::regexMatch(s, compileRegex(n, *p)));
       })},
      {"replaceMatches", stringFunction(2, 2, [](const Node& n, const std::string& s, const Env& env) {
         auto p = stringArg(n, 0, env);
         auto with = stringArg(n, 1, env);
         if (!p || !with) return Collection{};
         if (p->empty()) return Collection{makeString(s)};
         return Collection{makeString(fhir::regexReplace(s, compileRegex(n, *p), *with))};
       })},
      {"length", stringFunction(0, 0, [](const Node&, const std::string& s, const Env&) {
         return Collection{makeInteger(static_cast<long long>(codePoints(s).size()))};
       })},
      {"toChars", stringFunction(0, 0, [](const Node&, const std::string& s, const Env&) {
         Collection out;
         for (const std::string& p : codePoints(s)) out.push_back(makeString(p));
         return out;
       })},
      {"trim", stringFunction(0, 0, [](const Node&, const std::string& s, const Env&) {
         auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
         return Collection{makeString(b == std::string::npos ? "" : s.substr(b, e - b + 1))};
       })},
      {"split", stringFunction(1, 1, [](const Node& n, const std::string& s, const Env& env) {
         auto sep = stringArg(n, 0, env);
         if (!sep) return Collection{};
         Collection out;
         std::size_t pos = 0;
         if (sep->empty()) return Collection{makeString(s)};
         for (;;) {
           auto hit = s.find(*sep, pos);
           out.push_back(makeString(s.substr(pos, hit == std::string::npos ? std::string::npos : hit - pos)));
           if (hit == std::string::npos) return out;
           pos = hit + sep->size();
         }
       })},
      {"encode", codecFunction(encodeText)},
      {"decode", codecFunction(decodeText)},
      {"escape", codecFunction(escapeText)},
      {"unescape", codecFunction(unescapeText)},
      {"join", {0, 1, [](const Node& n, const Collection& in, const Env& env) {
         std::string sep = argCount(n) ? stringArg(n, 0, env).value_or("") : "";
         std::string out;
         for (std::size_t i = 0; i < in.size(); ++i) {
           if (i) out += sep;
           out += toFhirPathString(in[i]).value_or("");
         }
         return Collection{makeString(out)};
       }}},
  });
}

}  // namespace gpc::fhirpath::detail::functions
