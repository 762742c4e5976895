#include "runner/fhir/snapshot.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "runner/fhir/navigation.h"

namespace gpc::fhir {
namespace {

constexpr std::string_view kCoreBase = "http://hl7.org/fhir/StructureDefinition/";

// A snapshot under construction: elements as a tree (children in order, then slices, each slice
// with its own children), which is how the flat FHIR element list nests.
struct SnapNode {
  ElementDef def;
  std::vector<std::unique_ptr<SnapNode>> children;
  std::vector<std::unique_ptr<SnapNode>> slices;

  std::string_view name() const {
    const auto dot = def.path.rfind('.');
    return dot == std::string::npos ? std::string_view(def.path) : std::string_view(def.path).substr(dot + 1);
  }
};

std::string_view parentPath(std::string_view path) {
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
}

std::unique_ptr<SnapNode> treeOf(const std::vector<ElementDef>& elements) {
  std::unique_ptr<SnapNode> root;
  std::vector<SnapNode*> stack;
  for (const ElementDef& def : elements) {
    auto node = std::make_unique<SnapNode>();
    node->def = def;
    SnapNode* raw = node.get();
    if (!root) {
      root = std::move(node);
      stack.push_back(raw);
      continue;
    }
    const auto parent = parentPath(def.path);
    while (stack.size() > 1 && stack.back()->def.path != parent) stack.pop_back();
    if (stack.back()->def.path != parent) continue;  // out of order: the compiler ignores it too
    SnapNode* holder = stack.back();
    if (!def.sliceName.empty()) {
      auto base = std::find_if(holder->children.rbegin(), holder->children.rend(),
                               [&](const auto& c) { return c->def.path == def.path; });
      if (base != holder->children.rend()) {
        (*base)->slices.push_back(std::move(node));  // re-slices stay flat, as in the compiled tree
      } else if (parentPath(def.path) == parent && def.path.ends_with("." + def.sliceName)) {
        holder->children.push_back(std::move(node));  // Forge's "valueX:valueX": the renamed choice
      } else {
        continue;
      }
    } else {
      holder->children.push_back(std::move(node));
    }
    stack.push_back(raw);
  }
  return root;
}

void flatten(const SnapNode& node, std::vector<ElementDef>& out) {
  out.push_back(node.def);
  for (const auto& child : node.children) flatten(*child, out);
  for (const auto& slice : node.slices) flatten(*slice, out);
}

std::unique_ptr<SnapNode> clone(const SnapNode& node, bool withSlices) {
  auto copy = std::make_unique<SnapNode>();
  copy->def = node.def;
  for (const auto& child : node.children) copy->children.push_back(clone(*child, true));
  if (withSlices) {
    for (const auto& slice : node.slices) copy->slices.push_back(clone(*slice, true));
  }
  return copy;
}

// "Identifier.system" under "Patient.identifier" becomes "Patient.identifier.system".
void replacePrefix(std::string& text, const std::string& from, const std::string& to) {
  if (text == from) {
    text = to;
  } else if (text.size() > from.size() && text.starts_with(from) &&
             (text[from.size()] == '.' || text[from.size()] == ':')) {
    text = to + text.substr(from.size());
  }
}

void rebase(SnapNode& node, const std::string& fromPath, const std::string& toPath, const std::string& fromId,
            const std::string& toId) {
  replacePrefix(node.def.path, fromPath, toPath);
  replacePrefix(node.def.id, fromId, toId);
  for (auto& child : node.children) rebase(*child, fromPath, toPath, fromId, toId);
  for (auto& slice : node.slices) rebase(*slice, fromPath, toPath, fromId, toId);
}

struct Step {
  std::string name;
  std::string slice;
};

std::vector<Step> stepsOf(std::string_view text) {
  std::vector<Step> steps;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto dot = text.find('.', start);
    const auto token = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    const auto colon = token.find(':');
    steps.push_back({std::string(token.substr(0, colon)),
                     colon == std::string_view::npos ? std::string() : std::string(token.substr(colon + 1))});
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return steps;
}

// "value[x]" in an id where the path says "valueUnsignedInt" (or the reverse) is the same step.
bool sameStep(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (b.ends_with("[x]")) std::swap(a, b);
  return a.ends_with("[x]") && b.starts_with(a.substr(0, a.size() - 3));
}

// The steps to a differential element: its id (for the slices on the way), with names from
// its path (the more specific where they differ by a choice renaming); the path with the
// slice name on the last step when the id is absent or does not agree with the path.
std::vector<Step> locate(const ElementDef& def) {
  auto steps = stepsOf(def.id);
  auto pathSteps = stepsOf(def.path);
  bool agree = !def.id.empty() && steps.size() == pathSteps.size();
  for (std::size_t i = 0; agree && i < steps.size(); ++i) {
    agree = sameStep(steps[i].name, pathSteps[i].name);
    steps[i].name = pathSteps[i].name;
  }
  if (agree) return steps;
  pathSteps.back().slice = def.sliceName;
  return pathSteps;
}

void mergeInto(ElementDef& target, const ElementDef& diff) {
  target.min = std::max(target.min, diff.min);
  if (diff.max != kUnbounded) target.max = target.max == kUnbounded ? diff.max : std::min(target.max, diff.max);
  if (!diff.types.empty()) target.types = diff.types;
  if (!diff.contentReference.empty()) target.contentReference = diff.contentReference;
  if (!diff.fixed.is_null()) target.fixed = diff.fixed;
  if (!diff.pattern.is_null()) target.pattern = diff.pattern;
  if (!diff.bindingStrength.empty()) {
    target.bindingStrength = diff.bindingStrength;
    if (!diff.valueSet.empty()) target.valueSet = diff.valueSet;
  }
  for (const auto& key : diff.constraintKeys) {
    if (std::find(target.constraintKeys.begin(), target.constraintKeys.end(), key) == target.constraintKeys.end()) {
      target.constraintKeys.push_back(key);
    }
  }
  if (diff.sliced) {
    target.sliced = true;
    if (!diff.discriminators.empty()) target.discriminators = diff.discriminators;
    if (!diff.slicingRules.empty()) target.slicingRules = diff.slicingRules;
    target.slicingOrdered = diff.slicingOrdered;
  }
}

class Generator {
 public:
  Generator(RawProfile& profile, const SnapshotSource& source) : profile_(profile), source_(source) {}

  void run() {
    const RawProfile* base = source_(profile_.baseDefinition);
    if (base == nullptr || !base->hasSnapshot || base->elements.empty()) {
      fail("its base definition '" + profile_.baseDefinition + "' is not known (with a snapshot)");
    }
    root_ = treeOf(base->elements);
    join(*base);
    for (const ElementDef& diff : profile_.elements) apply(diff);
    std::vector<ElementDef> snapshot;
    flatten(*root_, snapshot);
    profile_.elements = std::move(snapshot);
    profile_.hasSnapshot = true;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error(profile_.source + ": cannot generate the snapshot of " + profile_.url + ": " + why);
  }

  // Constraints the snapshot's elements name; the profile's own take precedence.
  void join(const RawProfile& other) {
    for (const auto& [key, constraint] : other.constraints) profile_.constraints.emplace(key, constraint);
  }

  void apply(const ElementDef& diff) {
    const auto steps = locate(diff);
    if (steps.empty() || steps[0].name != root_->name()) {
      fail("element '" + diff.id + "' is not within " + std::string(root_->name()));
    }
    SnapNode* node = root_.get();
    for (std::size_t i = 1; i < steps.size(); ++i) {
      node = child(*node, steps[i].name, diff);
      // "valueDateTime:valueDateTime" (Forge): the renamed choice again, not a slice of it.
      const bool itself = steps[i].slice == steps[i].name &&
                          (node->name() != steps[i].name || node->def.sliceName == steps[i].slice);
      if (!steps[i].slice.empty() && !itself) {
        node = slice(*node, steps[i].slice, i + 1 == steps.size() ? &diff : nullptr);
      }
    }
    if (!steps[0].slice.empty()) fail("element '" + diff.id + "' slices the root");
    mergeInto(node->def, diff);
    if (!diff.types.empty()) narrowToProfile(node->def);
  }

  // An extension slice takes the cardinality its extension definition gives its root ("max 1").
  void narrowToProfile(ElementDef& def) {
    if (def.types.size() != 1 || def.types[0].code != "Extension" || def.types[0].profiles.size() != 1) return;
    const RawProfile* extension = source_(def.types[0].profiles[0]);
    if (extension == nullptr || extension->elements.empty()) return;
    const ElementDef& root = extension->elements.front();
    def.min = std::max(def.min, root.min);
    if (root.max != kUnbounded) def.max = def.max == kUnbounded ? root.max : std::min(def.max, root.max);
  }

  SnapNode* child(SnapNode& parent, const std::string& name, const ElementDef& diff) {
    if (parent.children.empty()) unroll(parent, diff);
    for (auto& c : parent.children) {
      if (c->name() == name) return c.get();
    }
    // "valueQuantity": the Quantity variant of value[x], which the step restricts it to.
    for (auto& c : parent.children) {
      const auto cname = c->name();
      if (!cname.ends_with("[x]") || !name.starts_with(cname.substr(0, cname.size() - 3))) continue;
      const std::string suffix = name.substr(cname.size() - 3);
      auto type = std::find_if(c->def.types.begin(), c->def.types.end(),
                               [&](const TypeRef& t) { return choiceSuffix(t.code) == suffix; });
      if (type == c->def.types.end()) continue;
      c->def.types = {*type};
      return c.get();
    }
    // "value[x]" where the base has already renamed it ("valueReference").
    if (name.ends_with("[x]")) {
      for (auto& c : parent.children) {
        if (sameStep(name, c->name())) return c.get();
      }
    }
    fail("element '" + diff.id + "': '" + parent.def.path + "' has no element '" + name + "'");
  }

  SnapNode* slice(SnapNode& sliced, const std::string& name, const ElementDef* diff) {
    for (auto& s : sliced.slices) {
      if (s->def.sliceName == name) return s.get();
    }
    // A slice of a choice named after one of its types constrains that variant (STU3 style).
    const auto cname = sliced.name();
    if (cname.ends_with("[x]") && !sliced.def.sliced) {
      sliced.def.sliced = true;
      sliced.def.slicingRules = "open";
      sliced.def.discriminators = {{"type", "$this"}};
    }
    auto copy = clone(sliced, false);
    const std::string id = sliced.def.id + ":" + name;
    rebase(*copy, sliced.def.path, sliced.def.path, sliced.def.id, id);
    copy->def.id = id;
    copy->def.sliceName = name;
    copy->def.sliced = false;
    copy->def.discriminators.clear();
    copy->def.slicingRules.clear();
    copy->def.min = diff != nullptr ? diff->min : 0;  // a slice is optional unless stated
    sliced.slices.push_back(std::move(copy));
    return sliced.slices.back().get();
  }

  // Gives `node` the children of its type (or its one type profile) so the differential can
  // constrain them.
  void unroll(SnapNode& node, const ElementDef& diff) {
    if (node.def.types.size() != 1) {
      fail("element '" + diff.id + "' is inside '" + node.def.id + "', which has " +
           std::to_string(node.def.types.size()) + " types, so its children are ambiguous");
    }
    const TypeRef& type = node.def.types.front();
    const RawProfile* definition = nullptr;
    if (type.code != "Reference" && type.profiles.size() == 1) definition = source_(type.profiles.front());
    if (definition == nullptr) definition = source_(std::string(kCoreBase) + type.code);
    if (definition == nullptr || definition->elements.empty()) {
      fail("element '" + diff.id + "': the definition of type '" + type.code + "' is not known");
    }
    auto tree = treeOf(definition->elements);
    for (const auto& c : tree->children) {
      auto copy = clone(*c, true);
      rebase(*copy, tree->def.path, node.def.path, tree->def.id, node.def.id);
      node.children.push_back(std::move(copy));
    }
    join(*definition);
  }

  RawProfile& profile_;
  const SnapshotSource& source_;
  std::unique_ptr<SnapNode> root_;
};

}  // namespace

void generateSnapshot(RawProfile& profile, const SnapshotSource& source) {
  if (profile.hasSnapshot) return;
  Generator(profile, source).run();
}

}  // namespace gpc::fhir
