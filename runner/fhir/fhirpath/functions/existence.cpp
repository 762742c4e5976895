// FHIRPath functions: existence (empty, exists, all, allTrue ...).

#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {
namespace {

void requireBooleans(const Node& n, const Collection& in) {
  for (const Value& v : in)
    if (!v.data().is_boolean()) fail(n, n.name + "() expects booleans but got " + shown(v));
}

}  // namespace

void addExistenceFunctions(Table& table) {
  table.insert({
      {"empty", {0, 0, [](const Node&, const Collection& in, const Env&) { return boolean(in.empty()); }}},
      {"exists", {0, 1, [](const Node& n, const Collection& in, const Env& env) {
         if (argCount(n) == 0) return boolean(!in.empty());
         bool any = false;
         forEachItem(n, 0, in, env, [&](std::size_t, const Collection& r) {
           any = toLogical(r, n) == true;
           return !any;
         });
         return boolean(any);
       }}},
      {"all", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         bool all = true;
         forEachItem(n, 0, in, env, [&](std::size_t, const Collection& r) {
           all = toLogical(r, n) == true;
           return all;
         });
         return boolean(all);
       }}},
      {"allTrue", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         requireBooleans(n, in);
         return boolean(std::all_of(in.begin(), in.end(), [](const Value& v) { return v.data() == true; }));
       }}},
      {"anyTrue", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         requireBooleans(n, in);
         return boolean(std::any_of(in.begin(), in.end(), [](const Value& v) { return v.data() == true; }));
       }}},
      {"allFalse", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         requireBooleans(n, in);
         return boolean(std::all_of(in.begin(), in.end(), [](const Value& v) { return v.data() == false; }));
       }}},
      {"anyFalse", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         requireBooleans(n, in);
         return boolean(std::any_of(in.begin(), in.end(), [](const Value& v) { return v.data() == false; }));
       }}},
      {"subsetOf", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection other = argValue(n, 0, env);
         return boolean(std::all_of(in.begin(), in.end(), [&](const Value& v) { return contains(other, v); }));
       }}},
      {"supersetOf", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection other = argValue(n, 0, env);
         return boolean(std::all_of(other.begin(), other.end(), [&](const Value& v) { return contains(in, v); }));
       }}},
      {"count", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return Collection{makeInteger(static_cast<long long>(in.size()))};
       }}},
      {"distinct", {0, 0, [](const Node&, const Collection& in, const Env&) { return distinctOf(in); }}},
      {"isDistinct", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return boolean(distinctOf(in).size() == in.size());
       }}},
  });
}

}  // namespace gpc::fhirpath::detail::functions
