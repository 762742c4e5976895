#pragma once
// What the FHIRPath function library's parts share: the table they add their functions to and
// the argument helpers every part uses. Each part (one file per section of the FHIRPath
// specification's function list) adds its functions with one add*Functions() call.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "runner/fhir/fhirpath/evaluator.h"

namespace gpc::fhirpath::detail::functions {

// A function gets its call node (for arguments and error messages), the input collection and
// the environment.
using Fn = std::function<Collection(const Node&, const Collection&, const Env&)>;

struct Spec {
  std::size_t minArgs, maxArgs;
  Fn fn;
};

using Table = std::map<std::string, Spec, std::less<>>;

inline std::size_t argCount(const Node& n) { return n.children.size() - 1; }
inline const Node& arg(const Node& n, std::size_t i) { return *n.children[i + 1]; }

// Evaluates argument i once, against the focus the function call itself was evaluated on
// (not the function's input): `name.given.startsWith(name.family)` reads from the same place.
inline Collection argValue(const Node& n, std::size_t i, const Env& env) { return eval(arg(n, i), *env.argFocus, env); }

// Evaluates argument i for each item, with $this and $index bound; stops when f returns false.
template <typename F>
void forEachItem(const Node& n, std::size_t i, const Collection& input, const Env& env, F&& f) {
  Env inner = env;
  for (std::size_t k = 0; k < input.size(); ++k) {
    inner.thisItem = &input[k];
    inner.index = static_cast<long long>(k);
    if (!f(k, eval(arg(n, i), Collection{input[k]}, inner))) return;
  }
}

// The one item of a collection (empty: nullptr); more than one is an error naming the function.
inline const Value* single(const Collection& c, const Node& n) { return singleton(c, n, (n.name + "()").c_str()); }

// Argument i as a single string / integer (empty: nullopt); another type is an error.
std::optional<std::string> stringArg(const Node& n, std::size_t i, const Env& env);
std::optional<long long> integerArg(const Node& n, std::size_t i, const Env& env);

void addExistenceFunctions(Table& table);
void addFilteringFunctions(Table& table);
void addSubsettingFunctions(Table& table);
void addCombiningFunctions(Table& table);
void addConversionFunctions(Table& table);
void addStringFunctions(Table& table);
void addMathFunctions(Table& table);
void addTreeNavigationFunctions(Table& table);
void addUtilityFunctions(Table& table);
void addFhirFunctions(Table& table);

}  // namespace gpc::fhirpath::detail::functions
