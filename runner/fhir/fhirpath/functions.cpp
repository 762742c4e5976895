// The FHIRPath function library. Each function gets its call node (for arguments and
// error messages), the input collection and the environment.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include "runner/fhir/fhirpath/codec.h"
#include "runner/fhir/fhirpath/evaluator.h"

namespace gpc::fhirpath::detail {
namespace {

constexpr std::size_t kMaxRepeatItems = 10000;

using Fn = std::function<Collection(const Node&, const Collection&, const Env&)>;

struct Spec {
  std::size_t minArgs, maxArgs;
  Fn fn;
};

std::size_t argCount(const Node& n) { return n.children.size() - 1; }
const Node& arg(const Node& n, std::size_t i) { return *n.children[i + 1]; }

// Evaluates argument i once, against the focus the function call itself was evaluated on
// (not the function's input): `name.given.startsWith(name.family)` reads from the same place.
Collection argValue(const Node& n, std::size_t i, const Env& env) { return eval(arg(n, i), *env.argFocus, env); }

// Evaluates argument i for each item, with $this and $index bound.
template <typename F>
void forEachItem(const Node& n, std::size_t i, const Collection& input, const Env& env, F&& f) {
  Env inner = env;
  for (std::size_t k = 0; k < input.size(); ++k) {
    inner.thisItem = &input[k];
    inner.index = static_cast<long long>(k);
    if (!f(k, eval(arg(n, i), Collection{input[k]}, inner))) return;
  }
}

const Value* single(const Collection& c, const Node& n) { return singleton(c, n, (n.name + "()").c_str()); }

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

std::optional<std::string> stringArg(const Node& n, std::size_t i, const Env& env) {
  Collection c = argValue(n, i, env);
  const Value* v = singleton(c, n, (n.name + "() argument").c_str());
  if (!v) return std::nullopt;
  auto s = toFhirPathString(*v);
  if (!s) fail(n, n.name + "() expects a string argument");
  return s;
}

std::optional<long long> integerArg(const Node& n, std::size_t i, const Env& env) {
  Collection c = argValue(n, i, env);
  const Value* v = singleton(c, n, (n.name + "() argument").c_str());
  if (!v) return std::nullopt;
  if (kindOf(*v) != Kind::Integer) fail(n, n.name + "() expects an integer argument");
  return v->data().get<long long>();
}

std::string typeArg(const Node& n, const Env& env) {
  std::string t = typeSpecifier(arg(n, 0));
  if (t.empty()) fail(n, n.name + "() expects a type name");
  if (env.strict && t.rfind("System.", 0) != 0) {
    std::string fhirType = t.rfind("FHIR.", 0) == 0 ? t.substr(5) : t;
    static const char* systemTypes[] = {"Boolean", "Integer", "Decimal", "String", "Date", "DateTime", "Time", "Quantity"};
    bool system = std::find(std::begin(systemTypes), std::end(systemTypes), fhirType) != std::end(systemTypes);
    if (!system && !env.types->isPrimitive(fhirType) && env.types->elementTypes(fhirType, "id").empty())
      fail(n, n.name + "(): unknown type " + t);
  }
  return t;
}

void requireBooleans(const Node& n, const Collection& in) {
  for (const Value& v : in)
    if (!v.data().is_boolean()) fail(n, n.name + "() expects booleans but got " + v.data().dump());
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
    return std::regex(singleLineMode(pattern), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    fail(n, n.name + "(): invalid regular expression '" + pattern + "': " + e.what());
  }
}

// ---- conversions

std::optional<long long> toIntegerValue(const Value& v) {
  switch (kindOf(v)) {
    case Kind::Integer: return v.data().get<long long>();
    case Kind::Boolean: return v.data().get<bool>() ? 1 : 0;
    case Kind::String: {
      static const std::regex re(R"([+-]?\d+)");
      const std::string& s = v.data().get_ref<const std::string&>();
      if (!std::regex_match(s, re)) return std::nullopt;
      try {
        return std::stoll(s);
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
    default: return std::nullopt;
  }
}

std::optional<double> toDecimalValue(const Value& v) {
  switch (kindOf(v)) {
    case Kind::Integer:
    case Kind::Decimal: return v.data().get<double>();
    case Kind::Boolean: return v.data().get<bool>() ? 1.0 : 0.0;
    case Kind::String: {
      static const std::regex re(R"([+-]?\d+(\.\d+)?)");
      const std::string& s = v.data().get_ref<const std::string&>();
      if (!std::regex_match(s, re)) return std::nullopt;
      return std::stod(s);
    }
    default: return std::nullopt;
  }
}

std::optional<bool> toBooleanValue(const Value& v) {
  switch (kindOf(v)) {
    case Kind::Boolean: return v.data().get<bool>();
    case Kind::Integer: {
      long long i = v.data().get<long long>();
      if (i == 0 || i == 1) return i == 1;
      return std::nullopt;
    }
    case Kind::Decimal: {
      double d = v.data().get<double>();
      if (d == 0.0 || d == 1.0) return d == 1.0;
      return std::nullopt;
    }
    case Kind::String: {
      std::string s = v.data().get<std::string>();
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
      if (s == "true" || s == "t" || s == "yes" || s == "y" || s == "1" || s == "1.0") return true;
      if (s == "false" || s == "f" || s == "no" || s == "n" || s == "0" || s == "0.0") return false;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

std::optional<Value> toQuantityValue(const Value& v) {
  switch (kindOf(v)) {
    case Kind::Quantity: {
      auto q = asQuantity(v);
      return makeQuantity(q->value, q->unit);
    }
    case Kind::Integer:
    case Kind::Decimal: return makeQuantity(v.data().get<double>(), "1");
    case Kind::Boolean: return makeQuantity(v.data().get<bool>() ? 1.0 : 0.0, "1");
    case Kind::String: {
      static const std::regex re(
          R"(([+-]?\d+(?:\.\d+)?)\s*(?:'([^']+)'|((?:year|month|week|day|hour|minute|second|millisecond)s?))?)");
      std::smatch m;
      const std::string& s = v.data().get_ref<const std::string&>();
      if (!std::regex_match(s, m, re)) return std::nullopt;
      std::string unit = m[2].matched ? m[2].str() : m[3].matched ? m[3].str() : "1";
      return makeQuantity(std::stod(m[1].str()), unit);
    }
    default: return std::nullopt;
  }
}

std::optional<Value> toTemporalValue(const Value& v, Temporal::Kind kind) {
  Kind k = kindOf(v);
  if (k != Kind::String && k != Kind::Date && k != Kind::DateTime && k != Kind::Time) return std::nullopt;
  const std::string& s = v.data().get_ref<const std::string&>();
  auto t = parseTemporal(s, kind);
  if (!t && kind == Temporal::Kind::Date) {
    auto dt = parseTemporal(s, Temporal::Kind::DateTime);  // a DateTime truncates to its date
    if (dt) {
      t = dt;
      t->kind = Temporal::Kind::Date;
      t->precision = std::min(t->precision, 3);
      t->offsetMinutes.reset();
    }
  }
  if (!t && kind == Temporal::Kind::DateTime) t = parseTemporal(s, Temporal::Kind::DateTime);
  if (!t) return std::nullopt;
  return makeTemporal(*t);
}

using Converter = std::function<std::optional<Value>(const Value&)>;

Spec conversion(Converter convert) {
  return {0, 0, [convert](const Node& n, const Collection& in, const Env&) -> Collection {
            const Value* v = single(in, n);
            if (!v) return {};
            auto r = convert(*v);
            return r ? Collection{*r} : Collection{};
          }};
}

Spec convertsTo(Converter convert) {
  return {0, 0, [convert](const Node& n, const Collection& in, const Env&) -> Collection {
            const Value* v = single(in, n);
            if (!v) return {};
            return boolean(convert(*v).has_value());
          }};
}

Converter integerConverter() {
  return [](const Value& v) -> std::optional<Value> {
    auto i = toIntegerValue(v);
    return i ? std::optional<Value>(makeInteger(*i)) : std::nullopt;
  };
}
Converter decimalConverter() {
  return [](const Value& v) -> std::optional<Value> {
    auto d = toDecimalValue(v);
    return d ? std::optional<Value>(makeDecimal(*d)) : std::nullopt;
  };
}
Converter booleanConverter() {
  return [](const Value& v) -> std::optional<Value> {
    auto b = toBooleanValue(v);
    return b ? std::optional<Value>(makeBoolean(*b)) : std::nullopt;
  };
}
Converter stringConverter() {
  return [](const Value& v) -> std::optional<Value> {
    auto s = toFhirPathString(v);
    return s ? std::optional<Value>(makeString(*s)) : std::nullopt;
  };
}
Converter temporalConverter(Temporal::Kind kind) {
  return [kind](const Value& v) { return toTemporalValue(v, kind); };
}

// ---- string functions

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

// ---- math

using MathFn = std::function<std::optional<Value>(const Value&, Kind)>;

Spec mathFunction(MathFn fn) {
  return {0, 0, [fn](const Node& n, const Collection& in, const Env&) -> Collection {
            const Value* v = single(in, n);
            if (!v) return {};
            Kind k = kindOf(*v);
            if (k != Kind::Integer && k != Kind::Decimal && k != Kind::Quantity)
              fail(n, n.name + "() expects a number");
            auto r = fn(*v, k);
            return r ? Collection{*r} : Collection{};
          }};
}

std::optional<Value> decimalOrEmpty(double d) {
  if (std::isnan(d) || std::isinf(d)) return std::nullopt;
  return makeDecimal(d);
}

// ---- resolve()

// Finds what a reference string points at: a Bundle entry by fullUrl or by Type/id (also
// the tail of an absolute URL), or a contained resource (#id).
const json* resolveReference(const std::string& ref, const Env& env) {
  if (!ref.empty() && ref[0] == '#') {
    if (!env.resource) return nullptr;
    const json& r = env.resource->data();
    if (r.contains("contained") && r["contained"].is_array())
      for (const json& c : r["contained"])
        if (c.value("id", "") == ref.substr(1)) return &c;
    return nullptr;
  }
  for (const Value* scope : {env.rootResource, env.resource}) {
    if (!scope) continue;
    const json& b = scope->data();
    if (b.value("resourceType", "") != "Bundle" || !b.contains("entry") || !b["entry"].is_array()) continue;
    for (const json& e : b["entry"]) {
      if (!e.is_object() || !e.contains("resource")) continue;
      const json& res = e["resource"];
      if (e.value("fullUrl", "") == ref) return &res;
      std::string typeId = res.value("resourceType", "") + "/" + res.value("id", "");
      if (ref == typeId || (ref.size() > typeId.size() && ref.compare(ref.size() - typeId.size(), typeId.size(), typeId) == 0 &&
                            ref[ref.size() - typeId.size() - 1] == '/'))
        return &res;
    }
  }
  return nullptr;
}

// txt-1's htmlChecks(): the narrative must be non-empty XHTML without active content.
bool htmlChecks(const std::string& div) {
  static const std::regex forbidden(
      R"(<\s*(script|object|applet|iframe|embed|form|input|frame|frameset|base|link|meta|style)\b|\son[a-z]+\s*=)",
      std::regex::icase);
  static const std::regex hasDiv(R"(^\s*<div[\s>][\s\S]*</div>\s*$)");
  if (!std::regex_match(div, hasDiv)) return false;
  if (std::regex_search(div, forbidden)) return false;
  static const std::regex text(R"(>[^<\s]|<img\b)");
  return std::regex_search(div, text);
}

Collection descendantsOf(const Collection& in, const Env& env) {
  Collection out;
  Collection frontier = in;
  while (!frontier.empty()) {
    Collection next;
    for (const Value& v : frontier) {
      Collection c = children(v, env);
      next.insert(next.end(), c.begin(), c.end());
    }
    out.insert(out.end(), next.begin(), next.end());
    frontier = std::move(next);
  }
  return out;
}

std::tm localNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

int localOffsetMinutes(const std::tm& tm) { return static_cast<int>(tm.tm_gmtoff / 60); }

// sort(key, ...): a stable sort on each key in turn; a key written with a leading minus
// sorts descending; items with an empty key come first either way. No keys: the items themselves.
Collection sorted(const Node& n, const Collection& in, const Env& env) {
  struct Key {
    const Node* expr;
    bool descending;
  };
  std::vector<Key> keys;
  for (std::size_t i = 0; i < argCount(n); ++i) {
    const Node& a = arg(n, i);
    if (a.kind == NodeKind::Unary && a.name == "-") keys.push_back({a.children[0].get(), true});
    else keys.push_back({&a, false});
  }
  std::vector<std::vector<Collection>> values(in.size());
  Env inner = env;
  for (std::size_t k = 0; k < in.size(); ++k) {
    inner.thisItem = &in[k];
    inner.index = static_cast<long long>(k);
    for (const Key& key : keys) values[k].push_back(eval(*key.expr, Collection{in[k]}, inner));
  }
  auto compare = [&](const Collection& a, const Collection& b) {
    if (a.empty() || b.empty()) return a.empty() == b.empty() ? 0 : a.empty() ? -1 : 1;
    try {
      return compareItems(a.front(), b.front(), "sort").value_or(0);
    } catch (const EvalError& e) {
      fail(n, std::string("sort(): ") + e.what());
    }
  };
  std::vector<std::size_t> order(in.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (keys.empty()) return compare(Collection{in[x]}, Collection{in[y]}) < 0;
    for (std::size_t j = 0; j < keys.size(); ++j) {
      const Collection &a = values[x][j], &b = values[y][j];
      int c = compare(a, b);
      if (keys[j].descending && !a.empty() && !b.empty()) c = -c;  // empty keys stay first
      if (c != 0) return c < 0;
    }
    return false;
  });
  Collection out;
  for (std::size_t i : order) out.push_back(in[i]);
  return out;
}

const std::map<std::string, Spec, std::less<>>& library() {
  static const std::map<std::string, Spec, std::less<>> fns = {
      // ---- existence
      {"empty", {0, 0, [](const Node&, const Collection& in, const Env&) { return boolean(in.empty()); }}},
      {"exists", {0, 1, [](const Node& n, const Collection& in, const Env& env) {
         if (argCount(n) == 0) return boolean(!in.empty());
         bool any = false;
         forEachItem(n, 0, in, env, [&](std::size_t, const Collection& r) {
           any = toLogical(r, n) == true;
           return !any;
         });
         return boolean(any);
       }}},
      {"all", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         bool all = true;
         forEachItem(n, 0, in, env, [&](std::size_t, const Collection& r) {
           all = toLogical(r, n) == true;
           return all;
         });
         return boolean(all);
       }}},
      {"allTrue", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         requireBooleans(n, in);
         return boolean(std::all_of(in.begin(), in.end(), [](const Value& v) { return v.data() == true; }));
       }}},
      {"anyTrue", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         requireBooleans(n, in);
         return boolean(std::any_of(in.begin(), in.end(), [](const Value& v) { return v.data() == true; }));
       }}},
      {"allFalse", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         requireBooleans(n, in);
         return boolean(std::all_of(in.begin(), in.end(), [](const Value& v) { return v.data() == false; }));
       }}},
      {"anyFalse", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         requireBooleans(n, in);
         return boolean(std::any_of(in.begin(), in.end(), [](const Value& v) { return v.data() == false; }));
       }}},
      {"subsetOf", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection other = argValue(n, 0, env);
         return boolean(std::all_of(in.begin(), in.end(), [&](const Value& v) { return contains(other, v); }));
       }}},
      {"supersetOf", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection other = argValue(n, 0, env);
         return boolean(std::all_of(other.begin(), other.end(), [&](const Value& v) { return contains(in, v); }));
       }}},
      {"count", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return Collection{makeInteger(static_cast<long long>(in.size()))};
       }}},
      {"distinct", {0, 0, [](const Node&, const Collection& in, const Env&) { return distinctOf(in); }}},
      {"isDistinct", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return boolean(distinctOf(in).size() == in.size());
       }}},
      // ---- filtering and projection
      {"where", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection out;
         forEachItem(n, 0, in, env, [&](std::size_t k, const Collection& r) {
           if (toLogical(r, n) == true) out.push_back(in[k]);
           return true;
         });
         return out;
       }}},
      {"select", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection out;
         forEachItem(n, 0, in, env, [&](std::size_t, const Collection& r) {
           out.insert(out.end(), r.begin(), r.end());
           return true;
         });
         return out;
       }}},
      {"repeat", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         // Seen-sets keep this linear: document elements by identity, computed values by their
         // text. Computed values can grow without end (1.repeat($this + 1)); documents cannot.
         std::set<const json*> seenNodes;
         std::set<std::string> seenValues;
         auto firstTime = [&](const Value& v) {
           return v.node && !v.keep ? seenNodes.insert(v.node).second
                                    : seenValues.insert(v.type + "|" + v.data().dump()).second;
         };
         Collection out, frontier = in;
         while (!frontier.empty()) {
           Collection next;
           forEachItem(n, 0, frontier, env, [&](std::size_t, const Collection& r) {
             for (const Value& v : r)
               if (firstTime(v)) out.push_back(v), next.push_back(v);
             if (out.size() > kMaxRepeatItems)
               fail(n, "repeat() produced more than " + std::to_string(kMaxRepeatItems) + " items");
             return true;
           });
           frontier = std::move(next);
         }
         return out;
       }}},
      {"aggregate", {1, 2, [](const Node& n, const Collection& in, const Env& env) {
         Collection total = argCount(n) > 1 ? argValue(n, 1, env) : Collection{};
         Env inner = env;
         for (std::size_t k = 0; k < in.size(); ++k) {
           inner.thisItem = &in[k];
           inner.index = static_cast<long long>(k);
           inner.total = &total;
           Collection next = eval(arg(n, 0), Collection{in[k]}, inner);
           total = std::move(next);
         }
         return total;
       }}},
      {"sort", {0, 16, [](const Node& n, const Collection& in, const Env& env) { return sorted(n, in, env); }}},
      {"ofType", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         std::string t = typeArg(n, env);
         Collection out;
         for (const Value& v : in)
           if (isType(v, t, env)) out.push_back(v);
         return out;
       }}},
      {"as", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         std::string t = typeArg(n, env);
         single(in, n);
         Collection out;
         for (const Value& v : in)
           if (isType(v, t, env)) out.push_back(v);
         return out;
       }}},
      {"is", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         const Value* v = single(in, n);
         if (!v) return Collection{};
         return boolean(isType(*v, typeArg(n, env), env));
       }}},
      // ---- subsetting
      {"single", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         const Value* v = single(in, n);
         return v ? Collection{*v} : Collection{};
       }}},
      {"first", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return in.empty() ? Collection{} : Collection{in.front()};
       }}},
      {"last", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return in.empty() ? Collection{} : Collection{in.back()};
       }}},
      {"tail", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return in.empty() ? Collection{} : Collection(in.begin() + 1, in.end());
       }}},
      {"skip", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         auto k = integerArg(n, 0, env);
         if (!k) return Collection{};
         std::size_t s = static_cast<std::size_t>(std::clamp<long long>(*k, 0, static_cast<long long>(in.size())));
         return Collection(in.begin() + static_cast<std::ptrdiff_t>(s), in.end());
       }}},
      {"take", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         auto k = integerArg(n, 0, env);
         if (!k) return Collection{};
         std::size_t s = static_cast<std::size_t>(std::clamp<long long>(*k, 0, static_cast<long long>(in.size())));
         return Collection(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(s));
       }}},
      {"intersect", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection other = argValue(n, 0, env);
         Collection out;
         for (const Value& v : in)
           if (contains(other, v) && !contains(out, v)) out.push_back(v);
         return out;
       }}},
      {"exclude", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection other = argValue(n, 0, env);
         Collection out;
         for (const Value& v : in)
           if (!contains(other, v)) out.push_back(v);
         return out;
       }}},
      // ---- combining
      {"union", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection out = in;
         Collection other = argValue(n, 0, env);
         out.insert(out.end(), other.begin(), other.end());
         return distinctOf(out);
       }}},
      {"combine", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection out = in;
         Collection other = argValue(n, 0, env);
         out.insert(out.end(), other.begin(), other.end());
         return out;
       }}},
      {"iif", {2, 3, [](const Node& n, const Collection& in, const Env& env) {
         // With an explicit input ('x'.iif(...)) the arguments see it as $this.
         Env inner = env;
         Collection focus = *env.argFocus;
         if (n.children[0]) {
           const Value* v = single(in, n);
           focus = v ? Collection{*v} : Collection{};
           inner.thisItem = v;
           inner.argFocus = &focus;
         }
         Collection criterion = eval(arg(n, 0), focus, inner);
         const Value* c = singleton(criterion, n, "iif() criterion");
         if (c && !c->data().is_boolean()) fail(n, "iif() criterion must be a boolean");
         if (c && c->data().get<bool>()) return eval(arg(n, 1), focus, inner);
         return argCount(n) > 2 ? eval(arg(n, 2), focus, inner) : Collection{};
       }}},
      // ---- conversion
      {"toInteger", conversion(integerConverter())},
      {"toDecimal", conversion(decimalConverter())},
      {"toBoolean", conversion(booleanConverter())},
      {"toString", conversion(stringConverter())},
      {"toQuantity", {0, 1, [](const Node& n, const Collection& in, const Env& env) -> Collection {
         const Value* v = single(in, n);
         if (!v) return {};
         auto q = toQuantityValue(*v);
         if (!q) return {};
         if (argCount(n) == 0) return {*q};
         auto unit = stringArg(n, 0, env);
         if (!unit) return {};
         auto converted = convertQuantity(*asQuantity(*q), *unit);
         return converted ? Collection{makeQuantity(*converted, *unit)} : Collection{};
       }}},
      {"toDate", conversion(temporalConverter(Temporal::Kind::Date))},
      {"toDateTime", conversion(temporalConverter(Temporal::Kind::DateTime))},
      {"toTime", conversion(temporalConverter(Temporal::Kind::Time))},
      {"convertsToInteger", convertsTo(integerConverter())},
      {"convertsToDecimal", convertsTo(decimalConverter())},
      {"convertsToBoolean", convertsTo(booleanConverter())},
      {"convertsToString", convertsTo(stringConverter())},
      {"convertsToQuantity", convertsTo([](const Value& v) { return toQuantityValue(v); })},
      {"convertsToDate", convertsTo(temporalConverter(Temporal::Kind::Date))},
      {"convertsToDateTime", convertsTo(temporalConverter(Temporal::Kind::DateTime))},
      {"convertsToTime", convertsTo(temporalConverter(Temporal::Kind::Time))},
      {"type", {0, 0, [](const Node&, const Collection& in, const Env&) {
         Collection out;
         for (const Value& v : in) {
           std::string t = v.type;
           if (t.empty()) continue;
           bool system = t.rfind("System.", 0) == 0;
           if (system) t = t.substr(7);
           else if (t.find('.') != std::string::npos) t = "BackboneElement";
           out.push_back(makeValue(json{{"namespace", system ? "System" : "FHIR"}, {"name", t}},
                                   system ? "System.SimpleTypeInfo" : "System.ClassInfo"));
         }
         return out;
       }}},
      // ---- strings
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
         return boolean(std::regex_search(s, compileRegex(n, *p)));
       })},
      {"matchesFull", stringFunction(1, 1, [](const Node& n, const std::string& s, const Env& env) {
         auto p = stringArg(n, 0, env);
         if (!p) return Collection{};
         return boolean(std::regex_match(s, compileRegex(n, *p)));
       })},
      {"replaceMatches", stringFunction(2, 2, [](const Node& n, const std::string& s, const Env& env) {
         auto p = stringArg(n, 0, env);
         auto with = stringArg(n, 1, env);
         if (!p || !with) return Collection{};
         if (p->empty()) return Collection{makeString(s)};
         return Collection{makeString(std::regex_replace(s, compileRegex(n, *p), *with))};
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
      // ---- math
      {"abs", mathFunction([](const Value& v, Kind k) -> std::optional<Value> {
         if (k == Kind::Integer) return makeInteger(std::llabs(v.data().get<long long>()));
         if (k == Kind::Quantity) {
           auto q = asQuantity(v);
           return makeQuantity(std::abs(q->value), q->unit);
         }
         return makeDecimal(std::abs(v.data().get<double>()));
       })},
      {"ceiling", mathFunction([](const Value& v, Kind) -> std::optional<Value> {
         return makeInteger(static_cast<long long>(std::ceil(v.data().get<double>())));
       })},
      {"floor", mathFunction([](const Value& v, Kind) -> std::optional<Value> {
         return makeInteger(static_cast<long long>(std::floor(v.data().get<double>())));
       })},
      {"truncate", mathFunction([](const Value& v, Kind) -> std::optional<Value> {
         return makeInteger(static_cast<long long>(std::trunc(v.data().get<double>())));
       })},
      {"sqrt", mathFunction([](const Value& v, Kind) { return decimalOrEmpty(std::sqrt(v.data().get<double>())); })},
      {"exp", mathFunction([](const Value& v, Kind) { return decimalOrEmpty(std::exp(v.data().get<double>())); })},
      {"ln", mathFunction([](const Value& v, Kind) { return decimalOrEmpty(std::log(v.data().get<double>())); })},
      // R5 precision(): digits after the point of a decimal as written; digits of a date/time.
      {"precision", {0, 0, [](const Node& n, const Collection& in, const Env&) -> Collection {
         const Value* v = single(in, n);
         if (!v) return {};
         const Kind k = kindOf(*v);
         if (k == Kind::Integer) return {makeInteger(0)};
         if (k == Kind::Decimal) {
           if (v->scale >= 0) return {makeInteger(v->scale)};
           const auto text = toFhirPathString(*v);
           const auto dot = text ? text->find('.') : std::string::npos;
           return {makeInteger(dot == std::string::npos ? 0 : static_cast<long long>(text->size() - dot - 1))};
         }
         if (k != Kind::Date && k != Kind::DateTime && k != Kind::Time) return {};
         const auto text = toFhirPathString(*v);
         if (!text) return {};
         std::size_t end = text->size();
         if (const auto t = text->find('T'); t != std::string::npos) {
           end = std::min(end, text->find_first_of("Z+-", t));
         }
         return {makeInteger(std::count_if(text->begin(), text->begin() + static_cast<std::ptrdiff_t>(end),
                                           [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))};
       }}},
      {"round", {0, 1, [](const Node& n, const Collection& in, const Env& env) -> Collection {
         const Value* v = single(in, n);
         if (!v) return {};
         auto x = asNumber(*v);
         if (!x) fail(n, "round() expects a number");
         long long places = argCount(n) ? integerArg(n, 0, env).value_or(0) : 0;
         double scale = std::pow(10.0, static_cast<double>(places));
         return {makeDecimal(std::round(*x * scale) / scale)};
       }}},
      {"log", {1, 1, [](const Node& n, const Collection& in, const Env& env) -> Collection {
         const Value* v = single(in, n);
         Collection b = argValue(n, 0, env);
         if (!v || b.empty()) return {};
         auto x = asNumber(*v), base = asNumber(b.front());
         if (!x || !base) fail(n, "log() expects numbers");
         auto r = decimalOrEmpty(std::log(*x) / std::log(*base));
         return r ? Collection{*r} : Collection{};
       }}},
      {"power", {1, 1, [](const Node& n, const Collection& in, const Env& env) -> Collection {
         const Value* v = single(in, n);
         Collection e = argValue(n, 0, env);
         if (!v || e.empty()) return {};
         auto x = asNumber(*v), y = asNumber(e.front());
         if (!x || !y) fail(n, "power() expects numbers");
         double r = std::pow(*x, *y);
         if (std::isnan(r)) return {};
         if (kindOf(*v) == Kind::Integer && kindOf(e.front()) == Kind::Integer && *y >= 0)
           return {makeInteger(static_cast<long long>(r))};
         return {makeDecimal(r)};
       }}},
      // ---- tree navigation
      {"children", {0, 0, [](const Node&, const Collection& in, const Env& env) {
         Collection out;
         for (const Value& v : in) {
           Collection c = children(v, env);
           out.insert(out.end(), c.begin(), c.end());
         }
         return out;
       }}},
      {"descendants", {0, 0, [](const Node&, const Collection& in, const Env& env) { return descendantsOf(in, env); }}},
      // ---- utility
      {"trace", {1, 2, [](const Node& n, const Collection& in, const Env& env) {
         // Tracing goes to stderr so it never mixes with reports written to stdout.
         auto name = stringArg(n, 0, env).value_or("");
         Collection shown = in;
         if (argCount(n) > 1) {
           shown.clear();
           forEachItem(n, 1, in, env, [&](std::size_t, const Collection& r) {
             shown.insert(shown.end(), r.begin(), r.end());
             return true;
           });
         }
         std::string line = "fhirpath trace " + name + ":";
         for (const Value& v : shown) line += " " + v.data().dump();
         std::cerr << line + "\n";
         return in;
       }}},
      {"today", {0, 0, [](const Node&, const Collection&, const Env&) {
         std::tm tm = localNow();
         Temporal t;
         t.kind = Temporal::Kind::Date;
         t.parts[0] = tm.tm_year + 1900, t.parts[1] = tm.tm_mon + 1, t.parts[2] = tm.tm_mday;
         t.precision = 3;
         return Collection{makeTemporal(t)};
       }}},
      {"now", {0, 0, [](const Node&, const Collection&, const Env&) {
         std::tm tm = localNow();
         auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count() % 1000;
         Temporal t;
         t.kind = Temporal::Kind::DateTime;
         int p[] = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms)};
         std::copy(std::begin(p), std::end(p), t.parts);
         t.precision = 7;
         t.offsetMinutes = localOffsetMinutes(tm);
         return Collection{makeTemporal(t)};
       }}},
      {"timeOfDay", {0, 0, [](const Node&, const Collection&, const Env&) {
         std::tm tm = localNow();
         Temporal t;
         t.kind = Temporal::Kind::Time;
         t.parts[3] = tm.tm_hour, t.parts[4] = tm.tm_min, t.parts[5] = tm.tm_sec;
         t.precision = 6;
         return Collection{makeTemporal(t)};
       }}},
      {"not", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         auto b = toLogical(in, n);
         return b ? boolean(!*b) : Collection{};
       }}},
      // ---- FHIR-specific
      {"hasValue", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return boolean(in.size() == 1 && in.front().hasValue() && !in.front().data().is_object() &&
                        !in.front().data().is_array());
       }}},
      {"getValue", {0, 0, [](const Node&, const Collection& in, const Env&) {
         if (in.size() != 1 || !in.front().hasValue() || in.front().data().is_object()) return Collection{};
         Value v = in.front();
         v.extras = nullptr;
         return Collection{v};
       }}},
      {"extension", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection out;
         for (const Value& v : in) {
           auto url = stringArg(n, 0, env);
           if (!url) return Collection{};
           for (const Value& e : member(v, "extension", env))
             if (e.data().is_object() && e.data().value("url", "") == *url) out.push_back(e);
         }
         return out;
       }}},
      {"resolve", {0, 0, [](const Node&, const Collection& in, const Env& env) {
         Collection out;
         for (const Value& v : in) {
           const json& d = v.data();
           std::string ref = d.is_string() ? d.get<std::string>()
                             : d.is_object() && d.contains("reference") && d["reference"].is_string()
                                 ? d["reference"].get<std::string>() : "";
           if (ref.empty()) continue;
           if (const json* target = resolveReference(ref, env)) {
             Value r;
             r.node = target;
             r.type = target->value("resourceType", "");
             if (env.trackLocations) r.location = r.type + "/" + target->value("id", "");
             out.push_back(r);
           }
         }
         return out;
       }}},
      {"htmlChecks", {0, 0, [](const Node& n, const Collection& in, const Env&) -> Collection {
         const Value* v = single(in, n);
         if (!v) return {};
         if (!v->data().is_string()) return boolean(false);
         return boolean(htmlChecks(v->data().get<std::string>()));
       }}},
  };
  return fns;
}

// FHIRPath STU1 spellings, still found in STU3-era expressions: isX() is convertsToX().
std::string_view canonicalName(std::string_view name) {
  static const std::map<std::string_view, std::string_view> stu1 = {
      {"isInteger", "convertsToInteger"}, {"isDecimal", "convertsToDecimal"}, {"isBoolean", "convertsToBoolean"},
      {"isString", "convertsToString"},   {"isQuantity", "convertsToQuantity"}, {"isDate", "convertsToDate"},
      {"isDateTime", "convertsToDateTime"}, {"isTime", "convertsToTime"}};
  auto it = stu1.find(name);
  return it == stu1.end() ? name : it->second;
}

}  // namespace

Collection callFunction(const Node& n, const Collection& focus, const Env& env) {
  const auto& fns = library();
  auto it = fns.find(canonicalName(n.name));
  if (it == fns.end()) fail(n, "unknown function " + n.name + "()");
  std::size_t args = argCount(n);
  if (args < it->second.minArgs || args > it->second.maxArgs)
    fail(n, n.name + "() takes " + std::to_string(it->second.minArgs) +
                (it->second.maxArgs != it->second.minArgs ? "-" + std::to_string(it->second.maxArgs) : "") +
                " argument(s), got " + std::to_string(args));
  // Without an explicit focus (`exists()` at the start of a path) the function applies to $this.
  Collection input = n.children[0] ? eval(*n.children[0], focus, env)
                                   : (env.thisItem ? Collection{*env.thisItem} : focus);
  Env callEnv = env;
  callEnv.argFocus = &focus;
  return it->second.fn(n, input, callEnv);
}

}  // namespace gpc::fhirpath::detail
