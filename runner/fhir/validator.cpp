#include "runner/fhir/validator.h"
#include "runner/fhir/json_access.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>
#include <tuple>

#include "runner/fhir/identifiers.h"
#include "runner/fhir/invariants.h"
#include "runner/fhir/json_depth.h"
#include "runner/fhir/model.h"
#include "runner/fhir/navigation.h"
#include "runner/fhir/primitives.h"
#include "runner/fhir/references.h"
#include "runner/fhir/slicing.h"
#include "runner/fhir/text_util.h"

namespace gpc::fhir {
namespace {

std::string cardinalityText(int min, int max) {
  return std::to_string(min) + ".." + (max == kUnbounded ? std::string("*") : std::to_string(max));
}

// One pass over a resource. The structural pass follows the base definitions (unknown elements,
// JSON shapes, primitive formats, base cardinality, identifier check digits); a profile pass
// follows one profile and descends only where the profile says more than the base.
class Walk {
 public:
  Walk(const ProfileRegistry& registry, const InvariantCompiler& invariants, std::vector<Issue>& issues)
      : registry_(registry), invariants_(invariants), issues_(issues) {}

  void resource(const nlohmann::json& res, const std::string& path, const std::vector<std::string>& extra,
                const nlohmann::json* bundle) {
    if (!res.is_object()) {
      add("error", "structure", path, "a resource must be a JSON object", nullptr);
      return;
    }
    auto typeIt = res.find("resourceType");
    if (typeIt == res.end() || !typeIt->is_string()) {
      add("error", "structure", path, "resource has no resourceType", nullptr);
      return;
    }
    const std::string type = typeIt->get<std::string>();
    const std::string here = path.empty() ? type : path;
    const CompiledProfile* base = registry_.typeDefinition(type);
    if (base == nullptr) {
      add("error", "structure", here, "unknown resource type '" + type + "'", nullptr);
      return;
    }
    const nlohmann::json* outerBundle = bundle_;
    if (type == "Bundle" && bundle_ == nullptr) bundle_ = &res;
    const Location at{nullptr, here};
    object(res, base->root, at, Pass{true, base, &res});
    invariantsOf(*base->root, res, type, at, &res);
    std::vector<std::pair<std::string, bool>> claims;  // url, claimed in meta (not required)
    if (auto meta = res.find("meta"); meta != res.end() && meta->is_object()) {
      if (auto profiles = meta->find("profile"); profiles != meta->end() && profiles->is_array()) {
        for (const auto& p : *profiles) {
          if (p.is_string()) claims.emplace_back(p.get<std::string>(), true);
        }
      }
    }
    for (const auto& url : extra) claims.emplace_back(url, false);
    std::set<const CompiledProfile*> done = {base};
    for (const auto& [url, claimed] : claims) {
      const CompiledProfile* p = registry_.profile(url);
      if (p == nullptr) {
        add(claimed ? "warning" : "error", "not-found", here,
            std::string(claimed ? "claimed profile" : "profile") + " '" + url + "' is not known, so not checked",
            nullptr);
        continue;
      }
      if (!done.insert(p).second) continue;
      if (p->raw.type != type) {
        add("error", "structure", here, "profile '" + url + "' is for " + p->raw.type + ", not " + type, nullptr);
        continue;
      }
      object(res, p->root, at, Pass{false, p, &res});
      invariantsOf(*p->root, res, type, at, &res);
    }
    if (type == "Bundle") checkBundleReferences(res, here, issues_);
    checkContainedReferences(res, here, issues_);
    bundle_ = outerBundle;
    (void)bundle;
  }

 private:
  struct Pass {
    bool structural;
    const CompiledProfile* profile;
    const nlohmann::json* resource;
  };

  // Each constraint once per location, however many passes meet it.
  void invariantsOf(const ElementNode& node, const nlohmann::json& value, const std::string& type,
                    const Location& path, const nlohmann::json* resource) {
    if (invariants_.forNode(&node) == nullptr) return;
    const InvariantContext context{resource, bundle_, &registry_, &evaluated_};
    checkNodeInvariants(node, value, type, path, invariants_, context, issues_);
  }

  void add(const char* severity, const char* code, const Location& location, std::string message,
           const ElementNode* node) {
    add(severity, code, location.text(), std::move(message), node);
  }

  void add(const char* severity, const char* code, const std::string& location, std::string message,
           const ElementNode* node) {
    Issue issue{severity, code, location, std::move(message), {}, {}};
    if (node != nullptr) {
      issue.profile = node->owner->raw.url;
      issue.elementId = node->def->id;
    }
    issues_.push_back(std::move(issue));
  }

  void object(const nlohmann::json& obj, const ElementNode* holder, const Location& path, const Pass& pass) {
    if (holder == nullptr) return;
    if (!obj.is_object()) {
      add("error", "structure", path, "expected a JSON object, found " + std::string(obj.type_name()), holder);
      return;
    }
    if (pass.structural && obj.empty()) {
      add("error", "invariant", path, "ele-1: All FHIR elements must have a @value or children", holder);
    }
    // Walk the instance's properties (few) rather than the definition's names (a choice element
    // alone may stand for forty), grouping occurrences by the child they belong to.
    std::vector<std::vector<Occurrence>> byChild(holder->children.size());
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& key = it.key();
      if (key == "resourceType" || key == "fhir_comments") continue;
      const bool extraPart = key.starts_with("_");
      const std::string_view name = extraPart ? std::string_view(key).substr(1) : std::string_view(key);
      ChildMatch match = findChild(holder, name);
      if (match.node == nullptr || match.node->childIndex < 0) {
        if (pass.structural) add("error", "structure", path.child(key), "unknown element '" + key + "'", holder);
        continue;
      }
      if (extraPart && !isPrimitiveType(match.type)) {
        if (pass.structural) {
          add("error", "structure", path.child(key), "'" + key + "' is only allowed on primitive elements", holder);
        }
        continue;
      }
      const nlohmann::json* value = nullptr;
      const nlohmann::json* extra = nullptr;
      if (extraPart) {
        if (obj.contains(name)) continue;  // met with its value
        extra = &it.value();
      } else {
        value = &it.value();
        auto extras = obj.find(withPrefix("_", key));
        if (extras != obj.end()) extra = &*extras;
      }
      collect(value, extra, name, match.type, match.node, path, pass,
              byChild[static_cast<std::size_t>(match.node->childIndex)]);
    }
    for (std::size_t i = 0; i < holder->children.size(); ++i) {
      const ElementNode* child = holder->children[i];
      const auto& occurrences = byChild[i];
      const int count = static_cast<int>(occurrences.size());
      const ElementDef& def = *child->def;
      if (count < def.min) {
        add("error", "required", path.child(child->name),
            "minimum required = " + std::to_string(def.min) + ", but only found " + std::to_string(count) +
                " (" + cardinalityText(def.min, def.max) + ")",
            child);
      }
      if (def.max != kUnbounded && count > def.max) {
        add("error", "structure", path.child(child->name),
            "maximum allowed = " + std::to_string(def.max) + ", but found " + std::to_string(count), child);
      }
      for (const auto& occ : occurrences) item(occ, child, pass);
      if (!child->slices.empty() && (!occurrences.empty() || !pass.structural)) slices(occurrences, child, path, pass);
    }
    if (pass.structural) identifierChecks(obj, holder, path);
  }

  void collect(const nlohmann::json* value, const nlohmann::json* extra, std::string_view name,
               const std::string& type, const ElementNode* child, const Location& path, const Pass& pass,
               std::vector<Occurrence>& out) {
    const bool repeats = child->def->baseMax != 1;
    if (pass.structural && value != nullptr) {
      if (repeats && !value->is_array()) add("error", "structure", path.child(name), "element repeats, so must be a JSON array", child);
      if (!repeats && value->is_array()) add("error", "structure", path.child(name), "element occurs at most once, so must not be an array", child);
    }
    if (value != nullptr && value->is_array()) {
      if (value->empty() && pass.structural) add("error", "structure", path.child(name), "arrays must not be empty", child);
      for (std::size_t i = 0; i < value->size(); ++i) {
        const nlohmann::json* e = extra != nullptr && extra->is_array() && i < extra->size() ? &(*extra)[i] : nullptr;
        if ((*value)[i].is_null() && (e == nullptr || e->is_null())) continue;
        out.push_back({&(*value)[i], e, type, Location{&path, name, i}});
      }
      return;
    }
    if (value == nullptr && extra != nullptr && extra->is_array()) {
      for (std::size_t i = 0; i < extra->size(); ++i) {
        if (!(*extra)[i].is_null()) out.push_back({nullptr, &(*extra)[i], type, Location{&path, name, i}});
      }
      return;
    }
    if (value != nullptr && value->is_null() && extra == nullptr) return;
    out.push_back({value, extra, type, Location{&path, name, repeats ? 0 : Location::kNoIndex}});
  }

  void item(const Occurrence& occ, const ElementNode* node, const Pass& pass) {
    const ElementDef& def = *node->def;
    const std::string& type = occ.type;
    if (occ.value != nullptr && !occ.value->is_null()) {
      if (isPrimitiveType(type)) {
        if (pass.structural) {
          if (auto problem = primitiveProblem(*occ.value, type)) add("error", "value", occ.path, *problem, node);
        }
      }
      checkFixedAndPattern(*occ.value, def, occ.path, node);
      checkBinding(*occ.value, type, def, occ.path, node);
      if (!occ.value->contains("resourceType")) invariantsOf(*node, *occ.value, type, occ.path, pass.resource);
    }
    if (occ.extras != nullptr && occ.extras->is_object() && pass.structural) {
      const CompiledProfile* element = registry_.typeDefinition("Element");
      if (element != nullptr) object(*occ.extras, element->root, occ.path, pass);
    }
    if (occ.value == nullptr || isPrimitiveType(type) || !occ.value->is_object()) return;
    if (type == "Resource" || type == "DomainResource" || occ.value->contains("resourceType")) {
      if (pass.structural) {
        resource(*occ.value, occ.path.text(), {}, nullptr);
      }
      for (const auto& t : def.types) {
        for (const auto& url : t.profiles) profileOf(*occ.value, url, occ.path);
      }
      return;
    }
    if (pass.structural || !node->children.empty() || node->contentTarget != nullptr) {
      const ElementNode* holder = childrenHolder(node, type, registry_);
      if (holder != nullptr) object(*occ.value, holder, occ.path, pass);
    }
    // A type profile (an extension definition, a datatype profile) is a profile pass of its own.
    for (const auto& t : def.types) {
      if (t.code != type) continue;
      for (const auto& url : t.profiles) profileOf(*occ.value, url, occ.path);
    }
    if (pass.structural && type == "Extension") {
      extensionShape(*occ.value, occ.path, node);
      unslicedExtension(*occ.value, node, occ.path);
    }
  }

  void profileOf(const nlohmann::json& value, const std::string& url, const Location& path) {
    const CompiledProfile* p = registry_.profile(url);
    if (p == nullptr || p->root == nullptr || p->raw.derivation == "specialization") return;
    if (value.contains("resourceType")) {
      if (p->raw.type != resourceTypeOf(value)) return;  // another type allowed here
    }
    object(value, p->root, path, Pass{false, p, nullptr});
  }

  // ext-1: an extension has either a value or sub-extensions, never both and never neither.
  void extensionShape(const nlohmann::json& ext, const Location& path, const ElementNode* node) {
    bool hasValue = false;
    for (auto it = ext.begin(); it != ext.end() && !hasValue; ++it) hasValue = it.key().starts_with("value");
    const bool hasExtensions = ext.contains("extension");
    if (hasValue == hasExtensions) {
      add("error", "invariant", path, "ext-1: Must have either extensions or value[x], not both", node);
    }
  }

  // Extensions not described by a slice: check against their own definition when known.
  void unslicedExtension(const nlohmann::json& ext, const ElementNode* node, const Location& path) {
    auto url = ext.find("url");
    if (url == ext.end() || !url->is_string()) return;
    const std::string u = url->get<std::string>();
    for (const ElementNode* slice : node->slices) {
      for (const auto& t : slice->def->types) {
        if (std::find(t.profiles.begin(), t.profiles.end(), u) != t.profiles.end()) return;
      }
    }
    const bool nested = node->def->path.find('.') != node->def->path.rfind('.') ||
                        node->owner->raw.type == "Extension";
    if (nested && node->owner->raw.type == "Extension") return;  // complex extension parts: relative urls
    const CompiledProfile* p = registry_.profile(u);
    if (p == nullptr) {
      add("warning", "not-found", path, "extension '" + u + "' is not known, so its content is not checked", node);
      return;
    }
    profileOf(ext, u, path);
  }

  void checkFixedAndPattern(const nlohmann::json& value, const ElementDef& def, const Location& path,
                            const ElementNode* node) {
    if (!def.fixed.is_null() && value != def.fixed["value"]) {
      add("error", "value", path, "value must be exactly " + def.fixed["value"].dump() + ", not " + value.dump(), node);
    }
    if (!def.pattern.is_null() && !matchesPattern(value, def.pattern["value"])) {
      add("error", "value", path, "value must match the pattern " + def.pattern["value"].dump(), node);
    }
  }

  void checkBinding(const nlohmann::json& value, const std::string& type, const ElementDef& def,
                    const Location& path, const ElementNode* node) {
    if (def.bindingStrength != "required" || def.valueSet.empty()) return;
    const CompiledValueSet* vs = registry_.valueSet(def.valueSet);
    if (vs == nullptr || !vs->complete) return;  // cannot judge without the codes
    auto codingOk = [&](const nlohmann::json& coding) {
      if (!coding.is_object()) return true;
      const auto system = coding.value("system", std::string());
      const auto code = coding.value("code", std::string());
      if (code.empty()) return true;
      return vs->contains(system, code);
    };
    if (type == "code" && value.is_string()) {
      if (!vs->containsCode(value.get<std::string>())) {
        add("error", "code-invalid", path, "code '" + value.get<std::string>() + "' is not in the required value set " + def.valueSet, node);
      }
    } else if (type == "Coding") {
      if (!codingOk(value)) {
        add("error", "code-invalid", path, "coding " + value.value("system", "") + "|" + value.value("code", "") +
            " is not in the required value set " + def.valueSet, node);
      }
    } else if (type == "CodeableConcept") {
      auto codings = value.find("coding");
      if (codings == value.end() || !codings->is_array() || codings->empty()) return;
      if (std::none_of(codings->begin(), codings->end(), codingOk)) {
        add("error", "code-invalid", path, "no coding is in the required value set " + def.valueSet, node);
      }
    }
  }

  void identifierChecks(const nlohmann::json& obj, const ElementNode* holder, const Location& path) {
    auto system = obj.find("system");
    if (system == obj.end() || !system->is_string()) return;
    const auto& sys = system->get_ref<const std::string&>();
    if (sys == kNhsNumberSystem) {
      auto value = obj.find("value");
      if (value != obj.end() && value->is_string()) {
        if (auto problem = nhsNumberProblem(value->get<std::string>())) add("error", "value", path.child("value"), *problem, holder);
      }
    } else if (sys == kSnomedSystem) {
      auto code = obj.find("code");
      if (code != obj.end() && code->is_string()) {
        if (auto problem = snomedIdProblem(code->get<std::string>())) add("error", "code-invalid", path.child("code"), *problem, holder);
      }
    }
  }

  void slices(const std::vector<Occurrence>& occurrences, const ElementNode* base, const Location& path,
              const Pass& pass) {
    SliceOutcome outcome = assignSlices(occurrences, *base, registry_);
    if (!outcome.decidable) return;
    const bool closed = base->def->slicingRules == "closed";
    for (std::size_t i = 0; i < occurrences.size(); ++i) {
      const ElementNode* slice = outcome.sliceOf[i];
      if (slice == nullptr) {
        if (closed && pass.structural == false) {
          add("error", "structure", occurrences[i].path, "matches none of the slices of a closed slicing", base);
        }
        continue;
      }
      const Occurrence& occ = occurrences[i];
      if (occ.value == nullptr) continue;
      checkFixedAndPattern(*occ.value, *slice->def, occ.path, slice);
      checkBinding(*occ.value, occ.type, *slice->def, occ.path, slice);
      if (!slice->children.empty() && occ.value->is_object()) object(*occ.value, slice, occ.path, Pass{false, slice->owner, pass.resource});
      for (const auto& t : slice->def->types) {
        for (const auto& url : t.profiles) {
          if (!pass.structural || t.code == "Extension") profileOf(*occ.value, url, occ.path);
        }
      }
    }
    if (pass.structural) return;  // slice cardinality belongs to the profile pass
    for (std::size_t s = 0; s < base->slices.size(); ++s) {
      const ElementNode* slice = base->slices[s];
      const int count = outcome.counts[s];
      if (count < slice->def->min) {
        add("error", "required", path.child(base->name),
            "slice '" + slice->def->sliceName + "' requires at least " + std::to_string(slice->def->min) +
                ", found " + std::to_string(count),
            slice);
      }
      if (slice->def->max != kUnbounded && count > slice->def->max) {
        add("error", "structure", path.child(base->name),
            "slice '" + slice->def->sliceName + "' allows at most " + std::to_string(slice->def->max) + ", found " +
                std::to_string(count),
            slice);
      }
    }
  }

  const ProfileRegistry& registry_;
  const InvariantCompiler& invariants_;
  std::vector<Issue>& issues_;
  const nlohmann::json* bundle_ = nullptr;
  std::unordered_set<std::pair<const void*, const void*>, InvariantContext::PairHash> evaluated_;
};

}  // namespace

Validator::Validator(std::shared_ptr<const ProfileRegistry> registry)
    : registry_(std::move(registry)), invariants_(std::make_shared<const InvariantCompiler>(*registry_)) {}

std::vector<Issue> Validator::validate(const nlohmann::json& resource,
                                       const std::vector<std::string>& extraProfiles) const {
  // The walk below recurses per level; a resource past the ceiling is one finding, not a crash.
  if (nestsDeeperThan(resource, kMaxJsonDepth))
    return {{"fatal", "too-costly", "(document)", "resource " + tooDeepMessage(), {}, {}}};
  std::vector<Issue> issues;
  Walk(*registry_, *invariants_, issues).resource(resource, "", extraProfiles, nullptr);
  // Passes over the same element by base and profile may say the same thing twice.
  // A code outside both the base binding and a profile's narrower one is one problem: keep the
  // profile's (the later, more specific) report.
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  std::map<std::string, std::size_t> bindingAt;
  std::vector<Issue> unique;
  for (auto& issue : issues) {
    if (!seen.emplace(issue.severity, issue.location, issue.message).second) continue;
    if (issue.code == "code-invalid" && issue.message.find("required value set") != std::string::npos) {
      auto [it, fresh] = bindingAt.emplace(issue.location, unique.size());
      if (!fresh) {
        unique[it->second] = std::move(issue);
        continue;
      }
    }
    unique.push_back(std::move(issue));
  }
  return unique;
}

}  // namespace gpc::fhir
