// The FHIRPath function library. Each function gets its call node (for arguments and
// error messages), the input collection and the environment.
// The parts live in functions/, one file per section of the specification's function list.
#include <map>
#include <string_view>

#include "runner/fhir/safe_regex.h"
#include "runner/fhir/fhirpath/evaluator.h"
#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail {
namespace {

using functions::Table;

const Table& library() {
  static const Table fns = [] {
    Table table;
    functions::addExistenceFunctions(table);
    functions::addFilteringFunctions(table);
    functions::addSubsettingFunctions(table);
    functions::addCombiningFunctions(table);
    functions::addConversionFunctions(table);
    functions::addStringFunctions(table);
    functions::addMathFunctions(table);
    functions::addTreeNavigationFunctions(table);
    functions::addUtilityFunctions(table);
    functions::addFhirFunctions(table);
    return table;
  }();
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
  std::size_t args = functions::argCount(n);
  if (args < it->second.minArgs || args > it->second.maxArgs)
    fail(n, n.name + "() takes " + std::to_string(it->second.minArgs) +
                (it->second.maxArgs != it->second.minArgs ? "-" + std::to_string(it->second.maxArgs) : "") +
                " argument(s), got " + std::to_string(args));
  // Without an explicit focus (`exists()` at the start of a path) the function applies to $this.
  Collection input = n.children[0] ? eval(*n.children[0], focus, env)
                                   : (env.thisItem ? Collection{*env.thisItem} : focus);
  Env callEnv = env;
  callEnv.argFocus = &focus;
  try {
    return it->second.fn(n, input, callEnv);
  } catch (const fhir::RegexTooCostly& e) {
    fail(n, n.name + "(): " + e.what());
  }
}

}  // namespace gpc::fhirpath::detail