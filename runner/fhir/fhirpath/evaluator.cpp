// Evaluation of paths, literals, variables and operators.
#include "runner/fhir/fhirpath/evaluator.h"
#include <algorithm>

#include <cctype>
#include <cmath>

namespace gpc::fhirpath::detail {

void fail(const Node& node, const std::string& message) {
  throw EvalError("column " + std::to_string(node.column) + ": " + message);
}

const Value* singleton(const Collection& c, const Node& node, const char* what) {
  if (c.empty()) return nullptr;
  if (c.size() > 1)
    fail(node, std::string(what) + " expects a single item but got " + std::to_string(c.size()));
  return &c.front();
}

std::optional<bool> toLogical(const Collection& c, const Node& node) {
  const Value* v = singleton(c, node, node.kind == NodeKind::Binary ? ("operator '" + node.name + "'").c_str()
                                                                   : node.name.c_str());
  if (!v) return std::nullopt;
  const json& d = v->data();
  if (d.is_boolean()) return d.get<bool>();
  return true;
}

Collection boolean(bool b) { return {makeBoolean(b)}; }

bool contains(const Collection& c, const Value& v) {
  for (const Value& x : c) {
    auto eq = itemsEqual(x, v);
    if (eq && *eq) return true;
  }
  return false;
}

Collection distinctOf(const Collection& c) {
  Collection out;
  for (const Value& v : c)
    if (!contains(out, v)) out.push_back(v);
  return out;
}

namespace {

Collection typeFilter(const Collection& in, const std::string& type, const Env& env) {
  Collection out;
  for (const Value& v : in)
    if (isType(v, type, env)) out.push_back(v);
  return out;
}

Collection equality(const Node& n, const Collection& l, const Collection& r) {
  const std::string& op = n.name;
  if (op == "~" || op == "!~") {
    bool eq = l.size() == r.size();
    if (eq) {
      std::vector<bool> used(r.size(), false);
      for (const Value& a : l) {
        bool found = false;
        for (std::size_t i = 0; i < r.size() && !found; ++i)
          if (!used[i] && itemsEquivalent(a, r[i])) used[i] = found = true;
        if (!found) {
          eq = false;
          break;
        }
      }
    }
    return boolean(op == "~" ? eq : !eq);
  }
  if (l.empty() || r.empty()) return {};
  bool eq = l.size() == r.size();
  for (std::size_t i = 0; eq && i < l.size(); ++i) {
    auto e = itemsEqual(l[i], r[i]);
    if (!e) return {};
    eq = *e;
  }
  return boolean(op == "=" ? eq : !eq);
}

Collection logic(const Node& n, const Collection& focus, const Env& env) {
  auto l = toLogical(eval(*n.children[0], focus, env), n);
  const std::string& op = n.name;
  // Short-circuit where the left side decides, so guards like `x.exists() and x.single()` work.
  if (op == "and" && l == false) return boolean(false);
  if (op == "or" && l == true) return boolean(true);
  if (op == "implies" && l == false) return boolean(true);
  auto r = toLogical(eval(*n.children[1], focus, env), n);
  if (op == "and") {
    if (r == false) return boolean(false);
    if (l && r) return boolean(true);
    return {};
  }
  if (op == "or") {
    if (r == true) return boolean(true);
    if (l && r) return boolean(false);
    return {};
  }
  if (op == "xor") {
    if (!l || !r) return {};
    return boolean(*l != *r);
  }
  // implies
  if (r == true) return boolean(true);
  if (l == true && r == false) return boolean(false);
  return {};
}

Collection arithmetic(const Node& n, const Collection& lc, const Collection& rc) {
  const std::string& op = n.name;
  std::string what = "operator '" + op + "'";
  if (op == "&") {
    const Value* a = singleton(lc, n, what.c_str());
    const Value* b = singleton(rc, n, what.c_str());
    std::string s;
    for (const Value* v : {a, b})
      if (v) s += toFhirPathString(*v).value_or("");
    return {makeString(s)};
  }
  const Value* a = singleton(lc, n, what.c_str());
  const Value* b = singleton(rc, n, what.c_str());
  if (!a || !b) return {};
  Kind ka = kindOf(*a), kb = kindOf(*b);
  if (op == "+" && ka == Kind::String && kb == Kind::String)
    return {makeString(a->data().get<std::string>() + b->data().get<std::string>())};
  bool numA = ka == Kind::Integer || ka == Kind::Decimal, numB = kb == Kind::Integer || kb == Kind::Decimal;
  if (numA && numB) {
    bool integers = ka == Kind::Integer && kb == Kind::Integer;
    if (integers && op != "/") {
      long long x = a->data().get<long long>(), y = b->data().get<long long>();
      const char code = op == "div" ? '/' : op == "mod" ? '%' : op[0];
      return integerOrEmpty(checkedIntegerOp(code, x, y));
    }
    double x = a->data().get<double>(), y = b->data().get<double>();
    // A sum keeps the finer of the operands' written precisions (integers have scale 0).
    const int sa = ka == Kind::Integer ? 0 : a->scale, sb = kb == Kind::Integer ? 0 : b->scale;
    const int scale = sa >= 0 && sb >= 0 ? std::max(sa, sb) : -1;
    if (op == "+") return decimalOrEmpty(x + y, scale);
    if (op == "-") return decimalOrEmpty(x - y, scale);
    if (op == "*") return decimalOrEmpty(x * y);
    if (y == 0) return {};
    if (op == "/") return decimalOrEmpty(x / y);
    if (op == "div") return integerOrEmpty(integerFromDecimal(std::trunc(x / y)));
    if (op == "mod") return decimalOrEmpty(std::fmod(x, y));
  }
  auto ta = asTemporal(*a);
  if ((ka == Kind::Date || ka == Kind::DateTime || ka == Kind::Time || ka == Kind::String) && ta &&
      kb == Kind::Quantity && (op == "+" || op == "-")) {
    auto q = asQuantity(*b);
    const auto sum = addDuration(*ta, op == "+" ? q->value : -q->value, q->unit);
    if (sum.unitRefused) fail(n, "cannot add a quantity in '" + q->unit + "' to a date/time");
    return sum.value ? Collection{makeTemporal(*sum.value)} : Collection{};
  }
  if (ka == Kind::Quantity && kb == Kind::Quantity) {
    auto x = asQuantity(*a), y = asQuantity(*b);
    if (op == "+" || op == "-") {
      auto yv = convertQuantity(*y, x->unit);
      if (!yv) return {};
      return {makeQuantity(op == "+" ? x->value + *yv : x->value - *yv, x->unit)};
    }
    if ((op == "*" || op == "/") && x->unit == y->unit) {
      if (op == "/" && y->value == 0) return {};
      return op == "*" ? Collection{makeQuantity(x->value * y->value, "(" + x->unit + ").(" + y->unit + ")")}
                       : Collection{makeQuantity(x->value / y->value, "1")};
    }
  }
  if (ka == Kind::Quantity && numB && (op == "*" || op == "/")) {
    auto x = asQuantity(*a);
    double y = b->data().get<double>();
    if (op == "/" && y == 0) return {};
    return {makeQuantity(op == "*" ? x->value * y : x->value / y, x->unit)};
  }
  fail(n, "operator '" + op + "' cannot be applied to " + shown(*a) + " and " + shown(*b));
}

Collection comparison(const Node& n, const Collection& l, const Collection& r) {
  std::string what = "operator '" + n.name + "'";
  const Value* a = singleton(l, n, what.c_str());
  const Value* b = singleton(r, n, what.c_str());
  if (!a || !b) return {};
  std::optional<int> c;
  try {
    c = compareItems(*a, *b, n.name.c_str());
  } catch (const EvalError& e) {
    fail(n, e.what());
  }
  if (!c) return {};
  const std::string& op = n.name;
  if (op == "<") return boolean(*c < 0);
  if (op == ">") return boolean(*c > 0);
  if (op == "<=") return boolean(*c <= 0);
  return boolean(*c >= 0);
}

Collection binary(const Node& n, const Collection& focus, const Env& env) {
  const std::string& op = n.name;
  if (op == "and" || op == "or" || op == "xor" || op == "implies") return logic(n, focus, env);
  Collection l = eval(*n.children[0], focus, env);
  Collection r = eval(*n.children[1], focus, env);
  if (op == "|") {
    l.insert(l.end(), r.begin(), r.end());
    return distinctOf(l);
  }
  if (op == "=" || op == "!=" || op == "~" || op == "!~") return equality(n, l, r);
  if (op == "<" || op == ">" || op == "<=" || op == ">=") return comparison(n, l, r);
  if (op == "in" || op == "contains") {
    const Collection& item = op == "in" ? l : r;
    const Collection& set = op == "in" ? r : l;
    const Value* v = singleton(item, n, ("operator '" + op + "'").c_str());
    if (!v) return {};
    return boolean(contains(set, *v));
  }
  return arithmetic(n, l, r);
}

Collection variable(const Node& n, const Env& env) {
  const std::string& name = n.name;
  if (name == "resource") return env.resource ? Collection{*env.resource} : Collection{};
  if (name == "rootResource") return env.rootResource ? Collection{*env.rootResource} : Collection{};
  if (name == "context") return env.context ? Collection{*env.context} : Collection{};
  if (env.variables) {
    auto it = env.variables->find(name);
    if (it != env.variables->end()) {
      Value v;
      v.node = &it->second;  // user variables live in the caller's map for the whole call
      if (it->second.is_array()) {
        Collection out;
        for (const json& item : it->second) {
          Value e;
          e.node = &item;
          out.push_back(e);
        }
        return out;
      }
      return {v};
    }
  }
  if (name == "ucum") return {makeString("http://unitsofmeasure.org")};
  if (name == "sct") return {makeString("http://snomed.info/sct")};
  if (name == "loinc") return {makeString("http://loinc.org")};
  if (name.rfind("vs-", 0) == 0) return {makeString("http://hl7.org/fhir/ValueSet/" + name.substr(3))};
  if (name.rfind("ext-", 0) == 0)
    return {makeString("http://hl7.org/fhir/StructureDefinition/" + name.substr(4))};
  fail(n, "unknown variable %" + name);
}

bool startsUpper(const std::string& s) { return !s.empty() && std::isupper(static_cast<unsigned char>(s[0])); }

// Strict mode: a name that none of the parents' types defines is an error, not an empty
// result ("name.given1", "Observation.valueQuantity" where the element is value[x]).
void checkElementKnown(const Collection& parents, const Node& n, const Env& env) {
  if (!env.strict) return;
  const Value* typed = nullptr;
  for (const Value& p : parents) {
    if (p.type.empty() || p.type.rfind("System.", 0) == 0) continue;
    if (env.types->elementTypes(p.type, "id").empty()) continue;  // a type TypeInfo does not know
    if (!env.types->elementTypes(p.type, n.name).empty() || !env.types->choiceProperties(p.type, n.name).empty())
      return;
    typed = &p;
  }
  if (!typed) return;
  if (n.kind == NodeKind::Identifier && startsUpper(n.name) && env.types->isSubtypeOf(n.name, "Resource"))
    fail(n, "the expression is about " + n.name + " but the context is " + typed->type);
  fail(n, "unknown element '" + n.name + "' on " + typed->type);
}

Collection navigate(const Collection& parents, const Node& n, const Env& env) {
  Collection out;
  for (const Value& v : parents) {
    Collection m = member(v, n.name, env);
    out.insert(out.end(), std::make_move_iterator(m.begin()), std::make_move_iterator(m.end()));
  }
  checkElementKnown(parents, n, env);
  return out;
}

}  // namespace

Collection eval(const Node& n, const Collection& focus, const Env& env) {
  switch (n.kind) {
    case NodeKind::Literal:
      if (n.literalType == "System.Decimal" && n.value.is_number()) {
        // The parser keeps the spelling in `name`: 1.50 has scale 2.
        const auto dot = n.name.find('.');
        const int scale = dot == std::string::npos ? -1 : static_cast<int>(n.name.size() - dot - 1);
        return {makeDecimal(n.value.get<double>(), scale)};
      }
      return {makeValue(n.value, n.literalType)};
    case NodeKind::Empty: return {};
    case NodeKind::This: return env.thisItem ? Collection{*env.thisItem} : focus;
    case NodeKind::Index: return env.index >= 0 ? Collection{makeInteger(env.index)} : Collection{};
    case NodeKind::Total: return env.total ? *env.total : Collection{};
    case NodeKind::Variable: return variable(n, env);
    case NodeKind::Identifier: {
      // A leading type name ("Patient.name") selects the focus items of that type.
      if (startsUpper(n.name)) {
        Collection typed = typeFilter(focus, n.name, env);
        if (!typed.empty()) return typed;
      }
      return navigate(focus, n, env);
    }
    case NodeKind::Member: return navigate(eval(*n.children[0], focus, env), n, env);
    case NodeKind::Function: return callFunction(n, focus, env);
    case NodeKind::Indexer: {
      Collection base = eval(*n.children[0], focus, env);
      Collection idx = eval(*n.children[1], focus, env);
      const Value* i = singleton(idx, n, "indexer");
      if (!i) return {};
      if (kindOf(*i) != Kind::Integer) fail(n, "index must be an integer");
      long long k = i->data().get<long long>();
      if (k < 0 || k >= static_cast<long long>(base.size())) return {};
      return {base[static_cast<std::size_t>(k)]};
    }
    case NodeKind::Unary: {
      Collection c = eval(*n.children[0], focus, env);
      if (n.name == "+") return c;
      const Value* v = singleton(c, n, "unary '-'");
      if (!v) return {};
      switch (kindOf(*v)) {
        case Kind::Integer: return integerOrEmpty(checkedIntegerOp('-', 0, v->data().get<long long>()));
        case Kind::Decimal: return {makeDecimal(-v->data().get<double>(), v->scale)};
        case Kind::Quantity: {
          auto q = asQuantity(*v);
          return {makeQuantity(-q->value, q->unit)};
        }
        default: fail(n, "unary '-' needs a number or quantity");
      }
    }
    case NodeKind::Binary: return binary(n, focus, env);
    case NodeKind::TypeOp: {
      Collection c = eval(*n.children[0], focus, env);
      if (n.name == "is") {
        const Value* v = singleton(c, n, "'is'");
        if (!v) return {};
        return boolean(isType(*v, n.typeName, env));
      }
      return typeFilter(c, n.typeName, env);
    }
  }
  return {};
}

}  // namespace gpc::fhirpath::detail
