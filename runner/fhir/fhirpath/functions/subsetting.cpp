// FHIRPath functions: subsetting (single, first, last, tail, skip, take, intersect, exclude).

#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {

void addSubsettingFunctions(Table& table) {
  table.insert({
      {"single", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         const Value* v = single(in, n);
         return v ? Collection{*v} : Collection{};
       }}},
      {"first", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return in.empty() ? Collection{} : Collection{in.front()};
       }}},
      {"last", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return in.empty() ? Collection{} : Collection{in.back()};
       }}},
      {"tail", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return in.empty() ? Collection{} : Collection(in.begin() + 1, in.end());
       }}},
      {"skip", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         auto k = integerArg(n, 0, env);
         if (!k) return Collection{};
         std::size_t s = static_cast<std::size_t>(std::clamp<long long>(*k, 0, static_cast<long long>(in.size())));
         return Collection(in.begin() + static_cast<std::ptrdiff_t>(s), in.end());
       }}},
      {"take", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         auto k = integerArg(n, 0, env);
         if (!k) return Collection{};
         std::size_t s = static_cast<std::size_t>(std::clamp<long long>(*k, 0, static_cast<long long>(in.size())));
         return Collection(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(s));
       }}},
      {"intersect", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection other = argValue(n, 0, env);
         Collection out;
         for (const Value& v : in)
           if (contains(other, v) && !contains(out, v)) out.push_back(v);
         return out;
       }}},
      {"exclude", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection other = argValue(n, 0, env);
         Collection out;
         for (const Value& v : in)
           if (!contains(other, v)) out.push_back(v);
         return out;
       }}},
  });
}

}  // namespace gpc::fhirpath::detail::functions
