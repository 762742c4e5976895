#pragma once
// The items an evaluation passes around: pointers into the input document for elements,
// shared computed JSON for values the expression makes. Nothing here copies the input.

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/fhirpath/temporal.h"

namespace gpc::fhirpath::detail {

using nlohmann::json;

struct Value {
  const json* node = nullptr;         // element of the input document
  const json* extras = nullptr;       // its `_x` sibling (id, extension) when a primitive
  std::shared_ptr<const json> owned;  // a computed value
  // Keeps alive the computed value `node`/`extras` point into, when they do not point into
  // the input document ('1.type().name' navigates inside a computed object).
  std::shared_ptr<const json> keep;
  std::string type;                   // FHIR type name, "System.X", or "" when unknown
  std::string location;               // only when locations are tracked
  // Decimals: digits after the point as written (1.50 -> 2), kept through + and -; -1 when
  // unknown (JSON input, whose parser keeps no spelling, and other arithmetic).
  int scale = -1;

  const json& data() const;
  bool hasValue() const { return !data().is_null(); }
};

using Collection = std::vector<Value>;

// What an item is for operators and functions.
enum class Kind { Null, Boolean, Integer, Decimal, String, Date, DateTime, Time, Quantity, Object };

Kind kindOf(const Value& v);
bool isResourceObject(const Value& v);

Value makeValue(json value, std::string type);
inline Value makeBoolean(bool b) { return makeValue(b, "System.Boolean"); }
inline Value makeInteger(long long i) { return makeValue(i, "System.Integer"); }
inline Value makeString(std::string s) { return makeValue(std::move(s), "System.String"); }
Value makeDecimal(double d, int scale = -1);
Value makeQuantity(double value, std::string unit);
Value makeTemporal(const Temporal& t);

// A temporal value from a Date/DateTime/Time item, or from a string that reads as one
// (FHIR JSON gives dates as plain strings when no type information is available).
std::optional<Temporal> asTemporal(const Value& v);
std::optional<double> asNumber(const Value& v);

// Arithmetic that overflows gives empty (FHIRPath §6.6 "Math"), never undefined behaviour:
// integers are held in 64 bits, and a decimal becomes an integer only when it fits.
std::optional<long long> integerFromDecimal(double d);
std::optional<long long> checkedIntegerOp(char op, long long x, long long y);  // + - * / (div) %
inline Collection integerOrEmpty(std::optional<long long> i) {
  return i ? Collection{makeInteger(*i)} : Collection{};
}
inline Collection decimalOrEmpty(double d, int scale = -1) {
  return std::isfinite(d) ? Collection{makeDecimal(d, scale)} : Collection{};
}

struct Quantity {
  double value = 0;
  std::string unit;  // UCUM code or calendar word
};
std::optional<Quantity> asQuantity(const Value& v);

// FHIRPath toString() of a primitive; nullopt for objects and empty.
std::optional<std::string> toFhirPathString(const Value& v);
// An item's JSON text for messages and keys. Strings may hold bytes that are not UTF-8 (an
// expression's literal, an XML body): they are shown as U+FFFD rather than thrown on.
std::string shown(const json& data);
inline std::string shown(const Value& v) { return shown(v.data()); }
std::string formatDecimal(double d);

// = and ~ on single items: true/false, or nullopt when unknown (date precision).
std::optional<bool> itemsEqual(const Value& a, const Value& b);
bool itemsEquivalent(const Value& a, const Value& b);
// <, >...: -1/0/1, nullopt when not comparable (different precision), throws when the
// types cannot be compared at all.
std::optional<int> compareItems(const Value& a, const Value& b, const char* op);

// Quantity conversions between UCUM units FHIRPath can compare (time, mass, length).
std::optional<double> convertQuantity(const Quantity& q, const std::string& toUnit);

}  // namespace gpc::fhirpath::detail
