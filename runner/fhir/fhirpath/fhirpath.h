#pragma once
// FHIRPath over FHIR JSON (nlohmann::json), as used by STU3 invariants and suite assertions.
//
// Compile once with parse(); an Expression is immutable and may be evaluated from many
// threads at once. Evaluation never copies the input document: it walks pointers into
// `root` (so `root` must outlive the call). Values it computes (literals, string results,
// counts...) are owned by the evaluation.
//
// Model of FHIR JSON used here:
//  - A property holding an array is a collection of its items; `null` items are skipped.
//  - A primitive `x` with a `_x` sibling ({"id":..,"extension":[..]}) is one node, so
//    `birthDate.extension` works; a `_x` without `x` is a primitive without a value
//    (hasValue() is false).
//  - Choice elements: `value` finds valueQuantity, valueString...; with a TypeInfo the
//    allowed property names come from it, otherwise any property named `value` + an
//    upper-case letter matches, and its type is taken from the suffix.
//  - A JSON object with `resourceType` is a resource of that type, so `Patient.name` works
//    when the root is a Patient (the leading type name is checked, not consumed, when it
//    names the root's type or a supertype).

#include <cstddef>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/type_info.h"

namespace gpc::fhirpath {

// A syntax error. what() reads "column N: message" (1-based column in the expression text).
class ParseError : public std::runtime_error {
 public:
  ParseError(const std::string& message, std::size_t column);
  std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

// A run-time error: a function given a collection where it needs one item, a type
// mismatch in an operator, an unknown function or variable... what() names the function
// or operator and its column in the expression.
class EvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
struct Node;  // the compiled syntax tree, defined in ast.h
}

// A compiled expression. Cheap to copy (shares the immutable tree).
class Expression {
 public:
  Expression() = default;  // an empty expression evaluates to an empty collection
  const std::string& text() const { return text_; }
  const detail::Node* tree() const { return tree_.get(); }

 private:
  friend Expression parse(std::string_view text);
  std::string text_;
  std::shared_ptr<const detail::Node> tree_;
};

Expression parse(std::string_view text);  // throws ParseError

using Variables = std::map<std::string, nlohmann::json>;  // %name (without %) -> value

// Items of the result as plain JSON values. Primitives are their JSON value (a string,
// number or boolean; a primitive that has only extensions gives null); complex elements are
// copies of their JSON objects. Dates/times/quantities computed by the expression come
// back as strings ("2015-02-07", "T12:00:00") and {"value":..,"unit":..} objects.
std::vector<nlohmann::json> evaluate(const Expression& expr, const nlohmann::json& root,
                                     const Variables& vars = {},
                                     const gpc::fhir::TypeInfo* types = nullptr);

// FHIRPath boolean conversion: empty -> false, a single boolean -> its value, a single
// other item -> true; more than one item throws EvalError.
bool evaluateBoolean(const Expression& expr, const nlohmann::json& root,
                     const Variables& vars = {}, const gpc::fhir::TypeInfo* types = nullptr);

// ---- Richer form, for the validator (invariants evaluated on an element inside a resource)

struct Options {
  const nlohmann::json* resource = nullptr;      // %resource; defaults to root
  const nlohmann::json* rootResource = nullptr;  // %rootResource and resolve() scope
                                                 // (a Bundle); defaults to resource
  std::string rootType;  // FHIR type of root when it is not a resource ("HumanName",
                         // "Observation.component", "string"); else from resourceType
  std::string rootPath;  // location of root ("Bundle.entry[2].resource"); defaults to
                         // the root's type
  const nlohmann::json* rootExtras = nullptr;  // the `_x` sibling when root is a primitive
  const Variables* variables = nullptr;
  const gpc::fhir::TypeInfo* types = nullptr;
  bool trackLocations = false;  // fill Item::location (costs a string per node)
  // With `types`: naming an element the type does not define ("name.given1",
  // "Observation.valueQuantity" instead of "value"), or a path starting with a resource
  // type other than the root's, is an EvalError rather than an empty result.
  bool strict = false;
};

struct Item {
  const nlohmann::json* node = nullptr;  // the element inside root, when it is one
  nlohmann::json value;                  // the value when computed (node == nullptr)
  std::string type;       // FHIR type ("HumanName", "string") or System type
                          // ("System.Integer"); empty when unknown
  std::string location;   // "Patient.name[0].given[1]" when trackLocations, else empty
  const nlohmann::json& json() const { return node ? *node : value; }
};

std::vector<Item> evaluateItems(const Expression& expr, const nlohmann::json& root,
                                const Options& options);

// ---- Static analysis, for evaluating invariants cheaply

// Member names such that, when the focus is a JSON object holding none of them (nor their `_x`
// parts, nor choice variants `nameType`), the expression cannot evaluate to `false` (it gives
// true or empty): "start.empty() or end.empty() or start <= end" -> {"start"}. Null when no
// such set is found. Lets a validator skip invariants that are vacuously satisfied.
std::shared_ptr<const std::vector<std::string>> notFalseWhenAbsent(const Expression& expr);

// True when `focus` is an object with none of `names` (as described above).
bool allAbsent(const nlohmann::json& focus, const std::vector<std::string>& names);

// Member names any one of which, present, makes the expression true ("resource.exists() or
// request.exists() or response.exists()" -> all three); null when there is no such set.
std::shared_ptr<const std::vector<std::string>> trueWhenAnyPresent(const Expression& expr);
// True when `focus` is an object holding one of `names` (or its `_x` part; choice variants do not
// count) with a value FHIRPath sees as an item (not null, not an array of nulls).
bool anyPresent(const nlohmann::json& focus, const std::vector<std::string>& names);

}  // namespace gpc::fhirpath
