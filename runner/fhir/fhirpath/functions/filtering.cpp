// FHIRPath functions: filtering and projection (where, select, repeat, ofType, sort ...).
#include <algorithm>
#include <set>
#include <string>

#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {
namespace {

constexpr std::size_t kMaxRepeatItems = 10000;

std::string typeArg(const Node& n, const Env& env) {
  std::string t = typeSpecifier(arg(n, 0));
  if (t.empty()) fail(n, n.name + "() expects a type name");
  if (env.strict && t.rfind("System.", 0) != 0) {
    std::string fhirType = t.rfind("FHIR.", 0) == 0 ? t.substr(5) : t;
    static const char* systemTypes[] = {"Boolean", "Integer", "Decimal", "String", "Date", "DateTime", "Time", "Quantity"};
    bool system = std::find(std::begin(systemTypes), std::end(systemTypes), fhirType) != std::end(systemTypes);
    if (!system && !env.types->isPrimitive(fhirType) && env.types->elementTypes(fhirType, "id").empty())
      fail(n, n.name + "(): unknown type " + t);
  }
  return t;
}

// sort(key, ...): a stable sort on each key in turn; a key written with a leading minus
// sorts descending; items with an empty key come first either way. No keys: the items themselves.
Collection sorted(const Node& n, const Collection& in, const Env& env) {
  struct Key {
    const Node* expr;
    bool descending;
  };
  std::vector<Key> keys;
  for (std::size_t i = 0; i < argCount(n); ++i) {
    const Node& a = arg(n, i);
    if (a.kind == NodeKind::Unary && a.name == "-") keys.push_back({a.children[0].get(), true});
    else keys.push_back({&a, false});
  }
  std::vector<std::vector<Collection>> values(in.size());
  Env inner = env;
  for (std::size_t k = 0; k < in.size(); ++k) {
    inner.thisItem = &in[k];
    inner.index = static_cast<long long>(k);
    for (const Key& key : keys) values[k].push_back(eval(*key.expr, Collection{in[k]}, inner));
  }
  auto compare = [&](const Collection& a, const Collection& b) {
    if (a.empty() || b.empty()) return a.empty() == b.empty() ? 0 : a.empty() ? -1 : 1;
    try {
      return compareItems(a.front(), b.front(), "sort").value_or(0);
    } catch (const EvalError& e) {
      fail(n, std::string("sort(): ") + e.what());
    }
  };
  std::vector<std::size_t> order(in.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (keys.empty()) return compare(Collection{in[x]}, Collection{in[y]}) < 0;
    for (std::size_t j = 0; j < keys.size(); ++j) {
      const Collection &a = values[x][j], &b = values[y][j];
      int c = compare(a, b);
      if (keys[j].descending && !a.empty() && !b.empty()) c = -c;  // empty keys stay first
      if (c != 0) return c < 0;
    }
    return false;
  });
  Collection out;
  for (std::size_t i : order) out.push_back(in[i]);
  return out;
}

}  // namespace

void addFilteringFunctions(Table& table) {
  table.insert({
      {"where", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection out;
         forEachItem(n, 0, in, env, [&](std::size_t k, const Collection& r) {
           if (toLogical(r, n) == true) out.push_back(in[k]);
           return true;
         });
         return out;
       }}},
      {"select", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection out;
         forEachItem(n, 0, in, env, [&](std::size_t, const Collection& r) {
           out.insert(out.end(), r.begin(), r.end());
           return true;
         });
         return out;
       }}},
      {"repeat", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         // Seen-sets keep this linear: document elements by identity, computed values by their
         // text. Computed values can grow without end (1.repeat($this + 1)); documents cannot.
         std::set<const json*> seenNodes;
         std::set<std::string> seenValues;
         auto firstTime = [&](const Value& v) {
           return v.node && !v.keep ? seenNodes.insert(v.node).second
                                    : seenValues.insert(v.type + "|" + shown(v)).second;
         };
         Collection out, frontier = in;
         while (!frontier.empty()) {
           Collection next;
           forEachItem(n, 0, frontier, env, [&](std::size_t, const Collection& r) {
             for (const Value& v : r)
               if (firstTime(v)) out.push_back(v), next.push_back(v);
             if (out.size() > kMaxRepeatItems)
               fail(n, "repeat() produced more than " + std::to_string(kMaxRepeatItems) + " items");
             return true;
           });
           frontier = std::move(next);
         }
         return out;
       }}},
      {"aggregate", {1, 2, [](const Node& n, const Collection& in, const Env& env) {
         Collection total = argCount(n) > 1 ? argValue(n, 1, env) : Collection{};
         Env inner = env;
         for (std::size_t k = 0; k < in.size(); ++k) {
           inner.thisItem = &in[k];
           inner.index = static_cast<long long>(k);
           inner.total = &total;
           Collection next = eval(arg(n, 0), Collection{in[k]}, inner);
           total = std::move(next);
         }
         return total;
       }}},
      {"sort", {0, 16, [](const Node& n, const Collection& in, const Env& env) { return sorted(n, in, env); }}},
      {"ofType", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         std::string t = typeArg(n, env);
         Collection out;
         for (const Value& v : in)
           if (isType(v, t, env)) out.push_back(v);
         return out;
       }}},
      {"as", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         std::string t = typeArg(n, env);
         single(in, n);
         Collection out;
         for (const Value& v : in)
           if (isType(v, t, env)) out.push_back(v);
         return out;
       }}},
      {"is", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         const Value* v = single(in, n);
         if (!v) return Collection{};
         return boolean(isType(*v, typeArg(n, env), env));
       }}},
  });
}

}  // namespace gpc::fhirpath::detail::functions
