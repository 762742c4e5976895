#pragma once
// The tree-walking evaluator shared by the operators (evaluator.cpp), navigation
// (navigation.cpp) and the function library (functions.cpp, with its parts in functions/).

#include <string>
#include <string_view>

#include "runner/fhir/fhirpath/ast.h"
#include "runner/fhir/fhirpath/fhirpath.h"
#include "runner/fhir/fhirpath/value.h"

namespace gpc::fhirpath::detail {

// Everything an evaluation reads besides the focus. Copied (cheaply) when a function
// binds $this/$index for its argument.
struct Env {
  const Variables* variables = nullptr;
  const fhir::TypeInfo* types = nullptr;
  bool trackLocations = false;
  bool strict = false;
  const Value* resource = nullptr;      // %resource
  const Value* rootResource = nullptr;  // %rootResource, scope of resolve()
  const Value* context = nullptr;       // %context
  const Value* thisItem = nullptr;      // $this
  long long index = -1;                 // $index
  const Collection* total = nullptr;    // $total inside aggregate()
  const Collection* argFocus = nullptr; // what a function's plain arguments are evaluated on
};

Collection eval(const Node& node, const Collection& focus, const Env& env);
Collection callFunction(const Node& node, const Collection& focus, const Env& env);

// Navigation (navigation.cpp).
Collection member(const Value& parent, std::string_view name, const Env& env);
Collection children(const Value& parent, const Env& env);
bool isType(const Value& v, std::string_view typeName, const Env& env);

// Helpers shared by operators and functions.
[[noreturn]] void fail(const Node& node, const std::string& message);
// The single item of `c`, or null for empty; throws (naming `node`) for more than one.
const Value* singleton(const Collection& c, const Node& node, const char* what);
// Boolean conversion for logic: nullopt when empty; a single non-boolean item is true.
std::optional<bool> toLogical(const Collection& c, const Node& node);
Collection boolean(bool b);
bool contains(const Collection& c, const Value& v);  // by equality
Collection distinctOf(const Collection& c);

}  // namespace gpc::fhirpath::detail
