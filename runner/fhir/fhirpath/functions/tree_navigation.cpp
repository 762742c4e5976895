// FHIRPath functions: tree navigation (children, descendants).

#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {
namespace {

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

}  // namespace

void addTreeNavigationFunctions(Table& table) {
  table.insert({
      {"children", {0, 0, [](const Node&, const Collection& in, const Env& env) {
         Collection out;
         for (const Value& v : in) {
           Collection c = children(v, env);
           out.insert(out.end(), c.begin(), c.end());
         }
         return out;
       }}},
      {"descendants", {0, 0, [](const Node&, const Collection& in, const Env& env) { return descendantsOf(in, env); }}},
  });
}

}  // namespace gpc::fhirpath::detail::functions
