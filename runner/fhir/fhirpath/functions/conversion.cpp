// FHIRPath functions: conversion (iif, toX, convertsToX).
#include <cmath>
#include <regex>
#include <string>

#include "runner/fhir/fhirpath/functions/library.h"
#include "runner/fhir/safe_regex.h"

namespace gpc::fhirpath::detail::functions {
namespace {

// A string too long to match is no number or quantity either.
bool wholeMatch(const std::string& s, const std::regex& re, std::smatch* m = nullptr) {
  try {
    return m ? fhir::regexMatch(s, *m, re) : fhir::regexMatch(s, re);
  } catch (const fhir::RegexTooCostly&) {
    return false;
  }
}

std::optional<long long> toIntegerValue(const Value& v) {
  switch (kindOf(v)) {
    case Kind::Integer: return v.data().get<long long>();
    case Kind::Boolean: return v.data().get<bool>() ? 1 : 0;
    case Kind::String: {
      static const std::regex re(R"([+-]?\d+)");
      const std::string& s = v.data().get_ref<const std::string&>();
      if (!wholeMatch(s, re)) return std::nullopt;
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
      if (!wholeMatch(s, re)) return std::nullopt;
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
      if (!wholeMatch(s, re, &m)) return std::nullopt;
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

}  // namespace

void addConversionFunctions(Table& table) {
  table.insert({
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
  });
}

}  // namespace gpc::fhirpath::detail::functions
