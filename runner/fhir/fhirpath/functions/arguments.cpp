// Argument helpers shared by the parts of the function library.
#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {

std::optional<std::string> stringArg(const Node& n, std::size_t i, const Env& env) {
  Collection c = argValue(n, i, env);
  const Value* v = singleton(c, n, (n.name + "() argument").c_str());
  if (!v) return std::nullopt;
  auto s = toFhirPathString(*v);
  if (!s) fail(n, n.name + "() expects a string argument");
  return s;
}

std::optional<long long> integerArg(const Node& n, std::size_t i, const Env& env) {
  Collection c = argValue(n, i, env);
  const Value* v = singleton(c, n, (n.name + "() argument").c_str());
  if (!v) return std::nullopt;
  if (kindOf(*v) != Kind::Integer) fail(n, n.name + "() expects an integer argument");
  return v->data().get<long long>();
}

}  // namespace gpc::fhirpath::detail::functions
