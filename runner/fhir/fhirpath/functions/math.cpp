// FHIRPath functions: math (abs, ceiling, exp, ln, log, power, round, sqrt, truncate).
#include <cmath>

#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {
namespace {

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

std::optional<Value> finiteDecimal(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  return makeDecimal(d);
}

}  // namespace

void addMathFunctions(Table& table) {
  table.insert({
      {"abs", mathFunction([](const Value& v, Kind k) -> std::optional<Value> {
         if (k == Kind::Integer) {
           const long long i = v.data().get<long long>();
           const auto a = i < 0 ? checkedIntegerOp('-', 0, i) : std::optional(i);
           return a ? std::optional(makeInteger(*a)) : std::nullopt;
         }
         if (k == Kind::Quantity) {
           auto q = asQuantity(v);
           return makeQuantity(std::abs(q->value), q->unit);
         }
         return makeDecimal(std::abs(v.data().get<double>()));
       })},
      {"ceiling", mathFunction([](const Value& v, Kind) -> std::optional<Value> {
         const auto i = integerFromDecimal(std::ceil(v.data().get<double>()));
         return i ? std::optional(makeInteger(*i)) : std::nullopt;
       })},
      {"floor", mathFunction([](const Value& v, Kind) -> std::optional<Value> {
         const auto i = integerFromDecimal(std::floor(v.data().get<double>()));
         return i ? std::optional(makeInteger(*i)) : std::nullopt;
       })},
      {"truncate", mathFunction([](const Value& v, Kind) -> std::optional<Value> {
         const auto i = integerFromDecimal(std::trunc(v.data().get<double>()));
         return i ? std::optional(makeInteger(*i)) : std::nullopt;
       })},
      {"sqrt", mathFunction([](const Value& v, Kind) { return finiteDecimal(std::sqrt(v.data().get<double>())); })},
      {"exp", mathFunction([](const Value& v, Kind) { return finiteDecimal(std::exp(v.data().get<double>())); })},
      {"ln", mathFunction([](const Value& v, Kind) { return finiteDecimal(std::log(v.data().get<double>())); })},
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
         return decimalOrEmpty(std::round(*x * scale) / scale);
       }}},
      {"log", {1, 1, [](const Node& n, const Collection& in, const Env& env) -> Collection {
         const Value* v = single(in, n);
         Collection b = argValue(n, 0, env);
         if (!v || b.empty()) return {};
         auto x = asNumber(*v), base = asNumber(b.front());
         if (!x || !base) fail(n, "log() expects numbers");
         return decimalOrEmpty(std::log(*x) / std::log(*base));
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
           return integerOrEmpty(integerFromDecimal(r));
         return decimalOrEmpty(r);
       }}},
  });
}

}  // namespace gpc::fhirpath::detail::functions
