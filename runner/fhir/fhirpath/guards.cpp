// Which members an expression depends on for a possible `false`: most invariants read
// "x.empty() or ...", "x.exists() implies ...", "x.all(...)", and on the many elements
// without `x` they are vacuously true. Knowing that statically spares the evaluation.
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "runner/fhir/fhirpath/ast.h"
#include "runner/fhir/fhirpath/fhirpath.h"

namespace gpc::fhirpath {
namespace {

using detail::Node;
using detail::NodeKind;
using Names = std::optional<std::set<std::string>>;

Names unite(const Names& a, const Names& b) {
  if (!a || !b) return std::nullopt;
  Names out = a;
  out->insert(b->begin(), b->end());
  return out;
}

Names either(const Names& a, const Names& b) {
  if (!a) return b;
  if (!b) return a;
  return a->size() <= b->size() ? a : b;
}

bool isOneOf(const std::string& name, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return name == n; });
}

const Node* focusOf(const Node& n) { return n.children.empty() ? nullptr : n.children[0].get(); }

// Names whose absence makes the expression's result empty.
Names emptyWhenAbsent(const Node& n) {
  switch (n.kind) {
    case NodeKind::Identifier:
      // A leading type name ("Patient.name") is checked against the root, not navigated.
      if (n.name.empty() || !std::islower(static_cast<unsigned char>(n.name[0]))) return std::nullopt;
      return std::set<std::string>{n.name};
    case NodeKind::Member:
    case NodeKind::Indexer:
      return focusOf(n) ? emptyWhenAbsent(*focusOf(n)) : std::nullopt;
    case NodeKind::TypeOp:
      return n.name == "as" && focusOf(n) ? emptyWhenAbsent(*focusOf(n)) : std::nullopt;
    case NodeKind::Function:
      // Functions that map an empty input to an empty output.
      if (focusOf(n) == nullptr ||
          !isOneOf(n.name, {"where", "select", "first", "last", "tail", "skip", "take", "ofType", "distinct",
                            "descendants", "children", "extension", "single", "repeat", "as", "not", "trace",
                            "substring", "startsWith", "endsWith", "contains", "matches", "replace",
                            "replaceMatches", "length", "lower", "upper", "toInteger", "toDecimal", "toString"})) {
        return std::nullopt;
      }
      return emptyWhenAbsent(*focusOf(n));
    case NodeKind::Binary:
      if (isOneOf(n.name, {"=", "!=", "~", "!~", "<", ">", "<=", ">=", "+", "-", "*", "/", "div", "mod"})) {
        return either(emptyWhenAbsent(*n.children[0]), emptyWhenAbsent(*n.children[1]));
      }
      if (n.name == "|") return unite(emptyWhenAbsent(*n.children[0]), emptyWhenAbsent(*n.children[1]));
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

Names notTrueWhenAbsent(const Node& n);

// Names whose absence makes the result true or empty (never false).
Names notFalseWhenAbsent(const Node& n) {
  Names empty = emptyWhenAbsent(n);
  if (empty) return empty;
  if (n.kind == NodeKind::Function && focusOf(n) != nullptr) {
    if ((n.name == "empty" && n.children.size() == 1) || n.name == "all") return emptyWhenAbsent(*focusOf(n));
    if (n.name == "not" && n.children.size() == 1) return notTrueWhenAbsent(*focusOf(n));
  }
  if (n.kind == NodeKind::Binary) {
    const Node& l = *n.children[0];
    const Node& r = *n.children[1];
    if (n.name == "or") return either(notFalseWhenAbsent(l), notFalseWhenAbsent(r));
    if (n.name == "and") return unite(notFalseWhenAbsent(l), notFalseWhenAbsent(r));
    if (n.name == "implies") return either(notTrueWhenAbsent(l), notFalseWhenAbsent(r));
  }
  return std::nullopt;
}

// Names whose absence makes the result false or empty (never true).
Names notTrueWhenAbsent(const Node& n) {
  Names empty = emptyWhenAbsent(n);
  if (empty) return empty;
  if (n.kind == NodeKind::Function && focusOf(n) != nullptr) {
    if (isOneOf(n.name, {"exists", "hasValue"})) return emptyWhenAbsent(*focusOf(n));
    if (n.name == "not" && n.children.size() == 1) return notFalseWhenAbsent(*focusOf(n));
  }
  if (n.kind == NodeKind::Binary) {
    const Node& l = *n.children[0];
    const Node& r = *n.children[1];
    if (n.name == "and") return either(notTrueWhenAbsent(l), notTrueWhenAbsent(r));
    if (n.name == "or") return unite(notTrueWhenAbsent(l), notTrueWhenAbsent(r));
  }
  return std::nullopt;
}

// Names any one of which, present, makes the result true: "resource.exists() or
// request.exists()" -> {resource, request}.
Names trueWhenAnyPresent(const Node& n) {
  if (n.kind == NodeKind::Function && n.name == "exists" && n.children.size() == 1 && focusOf(n) != nullptr &&
      focusOf(n)->kind == NodeKind::Identifier) {
    const std::string& name = focusOf(n)->name;
    if (name.empty() || !std::islower(static_cast<unsigned char>(name[0]))) return std::nullopt;
    return std::set<std::string>{name};
  }
  if (n.kind == NodeKind::Binary && (n.name == "or" || n.name == "implies")) {
    Names right = trueWhenAnyPresent(*n.children[1]);
    if (n.name == "implies") return right;  // a true consequent makes the implication true
    Names left = trueWhenAnyPresent(*n.children[0]);
    if (!left) return right;
    if (!right) return left;
    left->insert(right->begin(), right->end());
    return left;
  }
  return std::nullopt;
}

// `key` is `name`, `_name`, or a choice variant of it (`valueQuantity` for `value`).
bool names(std::string_view key, const std::string& name) {
  if (key.starts_with('_')) key.remove_prefix(1);
  if (!key.starts_with(name)) return false;
  return key.size() == name.size() || std::isupper(static_cast<unsigned char>(key[name.size()]));
}

}  // namespace

std::shared_ptr<const std::vector<std::string>> notFalseWhenAbsent(const Expression& expr) {
  if (expr.tree() == nullptr) return nullptr;
  Names found = notFalseWhenAbsent(*expr.tree());
  if (!found) return nullptr;
  return std::make_shared<const std::vector<std::string>>(found->begin(), found->end());
}

std::shared_ptr<const std::vector<std::string>> trueWhenAnyPresent(const Expression& expr) {
  if (expr.tree() == nullptr) return nullptr;
  Names found = trueWhenAnyPresent(*expr.tree());
  if (!found) return nullptr;
  return std::make_shared<const std::vector<std::string>>(found->begin(), found->end());
}

bool anyPresent(const nlohmann::json& focus, const std::vector<std::string>& names) {
  if (!focus.is_object()) return false;
  for (auto it = focus.begin(); it != focus.end(); ++it) {
    const auto& value = it.value();
    // Only a value FHIRPath sees as an item counts: not null, not an array of nulls.
    bool item = !value.is_null();
    if (value.is_array()) item = std::any_of(value.begin(), value.end(), [](const auto& v) { return !v.is_null(); });
    if (!item) continue;
    // Exactly the name (or its `_x` part): a choice variant may name a type the element does not
    // allow, which FHIRPath would not find.
    const std::string_view key = it.key();
    for (const auto& name : names) {
      if (key == name || (key.starts_with('_') && key.substr(1) == name)) return true;
    }
  }
  return false;
}

bool allAbsent(const nlohmann::json& focus, const std::vector<std::string>& names) {
  if (!focus.is_object()) return false;
  for (auto it = focus.begin(); it != focus.end(); ++it) {
    for (const auto& name : names) {
      if (gpc::fhirpath::names(it.key(), name)) return false;
    }
  }
  return true;
}

}  // namespace gpc::fhirpath
