#include "runner/fhir/fhirpath/value.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "runner/fhir/fhirpath/fhirpath.h"

namespace gpc::fhirpath::detail {

const json& Value::data() const {
  static const json kNull;  // immutable, shared by all threads
  if (node) return *node;
  if (owned) return *owned;
  return kNull;
}

Kind kindOf(const Value& v) {
  const json& d = v.data();
  if (d.is_null()) return Kind::Null;
  const std::string& t = v.type;
  if (d.is_string()) {
    if (t == "System.Date" || t == "date") return Kind::Date;
    if (t == "System.DateTime" || t == "dateTime" || t == "instant") return Kind::DateTime;
    if (t == "System.Time" || t == "time") return Kind::Time;
    return Kind::String;
  }
  if (d.is_boolean()) return Kind::Boolean;
  if (d.is_number()) {
    if (t == "System.Decimal" || t == "decimal" || d.is_number_float()) return Kind::Decimal;
    return Kind::Integer;
  }
  if (d.is_object() && d.contains("value") && d["value"].is_number() &&
      (t == "System.Quantity" || t == "Quantity" || t == "Age" || t == "Duration" || t == "Distance" ||
       t == "Count" || t == "SimpleQuantity" || t == "MoneyQuantity" ||
       (t.empty() && (d.contains("unit") || d.contains("code")))))
    return Kind::Quantity;
  return Kind::Object;
}

bool isResourceObject(const Value& v) {
  const json& d = v.data();
  return d.is_object() && d.contains("resourceType");
}

Value makeValue(json value, std::string type) {
  Value v;
  v.owned = std::make_shared<const json>(std::move(value));
  v.type = std::move(type);
  return v;
}

Value makeDecimal(double d, int scale) {
  Value v = makeValue(d, "System.Decimal");
  v.scale = scale;
  return v;
}

Value makeQuantity(double value, std::string unit) {
  json q{{"value", value}, {"unit", std::move(unit)}};
  if (value == std::trunc(value) && std::abs(value) < 1e15) q["value"] = static_cast<long long>(value);
  return makeValue(std::move(q), "System.Quantity");
}

Value makeTemporal(const Temporal& t) {
  const char* type = t.kind == Temporal::Kind::Date ? "System.Date"
                     : t.kind == Temporal::Kind::Time ? "System.Time" : "System.DateTime";
  return makeValue(formatTemporal(t), type);
}

std::optional<Temporal> asTemporal(const Value& v) {
  const json& d = v.data();
  if (!d.is_string()) return std::nullopt;
  const std::string& s = d.get_ref<const std::string&>();
  switch (kindOf(v)) {
    case Kind::Date: {
      auto t = parseTemporal(s, Temporal::Kind::Date);
      return t ? t : parseTemporal(s, Temporal::Kind::DateTime);
    }
    case Kind::DateTime: return parseTemporal(s, Temporal::Kind::DateTime);
    case Kind::Time: return parseTemporal(s, Temporal::Kind::Time);
    case Kind::String: return parseAnyTemporal(s);
    default: return std::nullopt;
  }
}

std::optional<double> asNumber(const Value& v) {
  const json& d = v.data();
  if (d.is_number() && !d.is_boolean()) return d.get<double>();
  return std::nullopt;
}

std::optional<Quantity> asQuantity(const Value& v) {
  if (kindOf(v) != Kind::Quantity) return std::nullopt;
  const json& d = v.data();
  Quantity q;
  q.value = d["value"].get<double>();
  if (d.contains("code") && d["code"].is_string()) q.unit = d["code"].get<std::string>();
  else if (d.contains("unit") && d["unit"].is_string()) q.unit = d["unit"].get<std::string>();
  return q;
}

std::string formatDecimal(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::optional<std::string> toFhirPathString(const Value& v) {
  const json& d = v.data();
  switch (kindOf(v)) {
    case Kind::Null:
    case Kind::Object: return std::nullopt;
    case Kind::Boolean: return d.get<bool>() ? "true" : "false";
    case Kind::Integer: return d.is_number_float() ? formatDecimal(d.get<double>()) : std::to_string(d.get<long long>());
    case Kind::Decimal: {
      double x = d.get<double>();
      if (d.is_number_float() && v.scale >= 0 && v.scale <= 30) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%.*f", v.scale, x);
        return std::string(buf);
      }
      if (d.is_number_float()) return formatDecimal(x);
      return std::to_string(d.get<long long>());
    }
    case Kind::Quantity: {
      auto q = asQuantity(v);
      std::string n = d["value"].is_number_float() ? formatDecimal(q->value) : std::to_string(d["value"].get<long long>());
      static const std::set<std::string, std::less<>> calendar = {
          "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
          "minute", "minutes", "second", "seconds", "millisecond", "milliseconds"};
      // Calendar durations print bare (1 week); UCUM units quoted (1 'wk').
      return calendar.count(q->unit) && v.type == "System.Quantity" ? n + " " + q->unit : n + " '" + q->unit + "'";
    }
    default: return d.get<std::string>();
  }
}

namespace {

struct UnitInfo {
  const char* dimension;
  double factor;
};

std::optional<UnitInfo> unitInfo(const std::string& unit) {
  static const std::map<std::string, UnitInfo> units = {
      {"ms", {"time", 0.001}},        {"s", {"time", 1}},
      {"min", {"time", 60}},          {"h", {"time", 3600}},
      {"d", {"time", 86400}},         {"wk", {"time", 604800}},
      {"millisecond", {"time", 0.001}}, {"milliseconds", {"time", 0.001}},
      {"second", {"time", 1}},        {"seconds", {"time", 1}},
      {"minute", {"time", 60}},       {"minutes", {"time", 60}},
      {"hour", {"time", 3600}},       {"hours", {"time", 3600}},
      {"day", {"time", 86400}},       {"days", {"time", 86400}},
      {"week", {"time", 604800}},     {"weeks", {"time", 604800}},
      {"month", {"calendar-month", 1}}, {"months", {"calendar-month", 1}},
      {"year", {"calendar-month", 12}}, {"years", {"calendar-month", 12}},
      {"mo", {"ucum-month", 1}},      {"a", {"ucum-month", 12}},
      {"ug", {"mass", 1e-6}},         {"mg", {"mass", 1e-3}},
      {"g", {"mass", 1}},             {"kg", {"mass", 1e3}},
      {"[lb_av]", {"mass", 453.59237}}, {"[oz_av]", {"mass", 28.349523125}},
      {"mm", {"length", 1e-3}},       {"cm", {"length", 1e-2}},
      {"m", {"length", 1}},           {"km", {"length", 1e3}},
      {"[in_i]", {"length", 0.0254}}, {"[ft_i]", {"length", 0.3048}},
      {"mL", {"volume", 1e-3}},       {"L", {"volume", 1}},
      {"l", {"volume", 1}},           {"dL", {"volume", 0.1}},
      {"1", {"unity", 1}},
  };
  auto it = units.find(unit);
  if (it == units.end()) return std::nullopt;
  return it->second;
}

bool sameNumber(double a, double b) { return a == b || std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

std::string normalizeSpace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

int decimalPlaces(const Value& v) {
  if (v.scale >= 0) return v.scale;
  auto s = toFhirPathString(v);
  if (!s) return 0;
  auto dot = s->find('.');
  if (dot == std::string::npos) return 0;
  int places = static_cast<int>(s->size() - dot - 1);
  return (*s == formatDecimal(std::trunc(v.data().get<double>())) && places == 1) ? 0 : places;
}

bool isNumeric(Kind k) { return k == Kind::Integer || k == Kind::Decimal; }
bool isTemporal(Kind k) { return k == Kind::Date || k == Kind::DateTime || k == Kind::Time; }

std::optional<int> compareQuantities(const Quantity& a, const Quantity& b) {
  double bv = b.value;
  if (a.unit != b.unit) {
    auto converted = convertQuantity(b, a.unit);
    if (!converted) return std::nullopt;
    bv = *converted;
  }
  if (sameNumber(a.value, bv)) return 0;
  return a.value < bv ? -1 : 1;
}

}  // namespace

std::optional<double> convertQuantity(const Quantity& q, const std::string& toUnit) {
  if (q.unit == toUnit) return q.value;
  auto from = unitInfo(q.unit), to = unitInfo(toUnit);
  if (!from || !to || std::string(from->dimension) != to->dimension) return std::nullopt;
  return q.value * from->factor / to->factor;
}

std::optional<bool> itemsEqual(const Value& a, const Value& b) {
  Kind ka = kindOf(a), kb = kindOf(b);
  if (isNumeric(ka) && isNumeric(kb)) {
    const json &da = a.data(), &db = b.data();
    if (!da.is_number_float() && !db.is_number_float()) return da.get<long long>() == db.get<long long>();
    return sameNumber(da.get<double>(), db.get<double>());
  }
  if (ka == Kind::Quantity && kb == Kind::Quantity) {
    auto c = compareQuantities(*asQuantity(a), *asQuantity(b));
    if (!c) return std::nullopt;
    return *c == 0;
  }
  if ((isTemporal(ka) || isTemporal(kb)) && (isTemporal(ka) || ka == Kind::String) &&
      (isTemporal(kb) || kb == Kind::String)) {
    auto ta = asTemporal(a), tb = asTemporal(b);
    if (ta && tb) {
      if ((ta->kind == Temporal::Kind::Time) != (tb->kind == Temporal::Kind::Time)) return false;
      auto c = compareTemporal(*ta, *tb);
      if (!c) return std::nullopt;
      return *c == 0;
    }
    return false;
  }
  if (ka != kb) return false;
  return a.data() == b.data();
}

bool itemsEquivalent(const Value& a, const Value& b) {
  Kind ka = kindOf(a), kb = kindOf(b);
  if (ka == Kind::String && kb == Kind::String)
    return normalizeSpace(a.data().get<std::string>()) == normalizeSpace(b.data().get<std::string>());
  if (isNumeric(ka) && isNumeric(kb)) {
    // Equivalent when equal at the precision of the less precise operand.
    int places = std::min(decimalPlaces(a), decimalPlaces(b));
    double scale = std::pow(10.0, places);
    return std::round(a.data().get<double>() * scale) == std::round(b.data().get<double>() * scale);
  }
  if (ka == Kind::Quantity && kb == Kind::Quantity) {
    // Same unit after conversion, then equal at the precision of the less precise value.
    auto qa = asQuantity(a), qb = asQuantity(b);
    auto converted = convertQuantity(*qb, qa->unit);
    if (!converted) return false;
    return itemsEquivalent(makeValue(a.data()["value"], "System.Decimal"), makeDecimal(*converted));
  }
  if (isTemporal(ka) || isTemporal(kb)) {
    auto ta = asTemporal(a), tb = asTemporal(b);
    return ta && tb && equivalentTemporal(*ta, *tb);
  }
  if (ka == Kind::Object && kb == Kind::Object) {
    const json &da = a.data(), &db = b.data();
    if (da.size() != db.size()) return false;
    for (auto it = da.begin(); it != da.end(); ++it) {
      if (!db.contains(it.key())) return false;
      Value x = makeValue(it.value(), ""), y = makeValue(db[it.key()], "");
      if (it.value().is_array() || !itemsEquivalent(x, y)) {
        if (it.value() != db[it.key()]) return false;
      }
    }
    return true;
  }
  auto eq = itemsEqual(a, b);
  return eq && *eq;
}

std::optional<int> compareItems(const Value& a, const Value& b, const char* op) {
  Kind ka = kindOf(a), kb = kindOf(b);
  if (isNumeric(ka) && isNumeric(kb)) {
    double x = a.data().get<double>(), y = b.data().get<double>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ka == Kind::String && kb == Kind::String) {
    int c = a.data().get_ref<const std::string&>().compare(b.data().get_ref<const std::string&>());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (ka == Kind::Quantity && kb == Kind::Quantity) {
    auto c = compareQuantities(*asQuantity(a), *asQuantity(b));
    if (!c) throw EvalError(std::string("operator ") + op + ": quantities with incompatible units");
    return c;
  }
  if ((isTemporal(ka) || ka == Kind::String) && (isTemporal(kb) || kb == Kind::String)) {
    auto ta = asTemporal(a), tb = asTemporal(b);
    if (ta && tb) return compareTemporal(*ta, *tb);
  }
  throw EvalError(std::string("operator ") + op + ": cannot compare " + shown(a) + " with " +
                  shown(b));
}

std::optional<long long> integerFromDecimal(double d) {
  // 2^63 is exact as a double; every double below it in magnitude converts without overflow.
  constexpr double kLimit = 9223372036854775808.0;
  if (!std::isfinite(d) || d >= kLimit || d < -kLimit) return std::nullopt;
  return static_cast<long long>(d);
}

std::optional<long long> checkedIntegerOp(char op, long long x, long long y) {
  long long r = 0;
  switch (op) {
    case '+': return __builtin_add_overflow(x, y, &r) ? std::nullopt : std::optional(r);
    case '-': return __builtin_sub_overflow(x, y, &r) ? std::nullopt : std::optional(r);
    case '*': return __builtin_mul_overflow(x, y, &r) ? std::nullopt : std::optional(r);
    case '/':
    case '%':
      if (y == 0 || (x == std::numeric_limits<long long>::min() && y == -1)) return std::nullopt;
      return op == '/' ? x / y : x % y;
    default: return std::nullopt;
  }
}

std::string shown(const json& data) { return data.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace gpc::fhirpath::detail
