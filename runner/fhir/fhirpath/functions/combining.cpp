// FHIRPath functions: combining (union, combine).

#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {

void addCombiningFunctions(Table& table) {
  table.insert({
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
  });
}

}  // namespace gpc::fhirpath::detail::functions
