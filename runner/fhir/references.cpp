#include "runner/fhir/references.h"
#include "runner/fhir/text_util.h"

#include <functional>
#include <unordered_set>

namespace gpc::fhir {
namespace {

// Calls `visit(reference, path)` for every Reference.reference below `value`, not descending
// into resources other than `value` itself (those are checked on their own).
void forEachReference(const nlohmann::json& value, const std::string& path, bool top,
                      const std::function<void(const std::string&, const std::string&)>& visit) {
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      forEachReference(value[i], path + "[" + std::to_string(i) + "]", false, visit);
    }
    return;
  }
  if (!value.is_object()) return;
  if (!top && value.contains("resourceType")) return;
  for (const auto& [key, child] : value.items()) {
    if (key == "reference" && child.is_string()) {
      visit(child.get<std::string>(), path + ".reference");
    } else if (key != "contained" && (child.is_object() || child.is_array())) {
      forEachReference(child, path + "." + key, false, visit);
    }
  }
}

}  // namespace

void checkBundleReferences(const nlohmann::json& bundle, const std::string& path, std::vector<Issue>& issues) {
  // A document must be self-contained; other bundles (search results, the structured record's
  // collection) may legitimately point at resources the consumer already holds, so there an
  // unresolved reference is a warning.
  const std::string severity = bundle.value("type", std::string()) == "document" ? "error" : "warning";
  auto entries = bundle.find("entry");
  if (entries == bundle.end() || !entries->is_array()) return;
  std::unordered_set<std::string> targets;
  for (const auto& entry : *entries) {
    if (!entry.is_object()) continue;
    if (auto full = entry.find("fullUrl"); full != entry.end() && full->is_string()) {
      const auto url = full->get<std::string>();
      targets.insert(url);
      // A RESTful fullUrl ends with Type/id, which relative references use.
      const auto slash = url.rfind('/');
      if (slash != std::string::npos && slash > 0) {
        const auto prev = url.rfind('/', slash - 1);
        if (prev != std::string::npos) targets.insert(url.substr(prev + 1));
      }
    }
    if (auto res = entry.find("resource"); res != entry.end() && res->is_object()) {
      if (res->contains("id") && res->contains("resourceType") && (*res)["id"].is_string()) {
        targets.insert((*res)["resourceType"].get<std::string>() + "/" + (*res)["id"].get<std::string>());
      }
    }
  }
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const auto& entry = (*entries)[i];
    if (!entry.is_object() || !entry.contains("resource")) continue;
    const std::string where = path + ".entry[" + std::to_string(i) + "].resource";
    forEachReference(entry["resource"], where, true, [&](const std::string& ref, const std::string& at) {
      if (ref.starts_with("#")) return;  // contained: checked per resource
      std::string target = ref;
      if (auto history = target.find("/_history/"); history != std::string::npos) target.erase(history);
      if (targets.contains(target)) return;
      issues.push_back({severity, "not-found", at, "reference '" + ref + "' does not resolve to an entry in the Bundle", {}, {}});
    });
  }
}

void checkContainedReferences(const nlohmann::json& resource, const std::string& path, std::vector<Issue>& issues) {
  std::unordered_set<std::string> ids;
  if (auto contained = resource.find("contained"); contained != resource.end() && contained->is_array()) {
    for (const auto& c : *contained) {
      if (c.is_object() && c.contains("id") && c["id"].is_string()) ids.insert(withPrefix("#", c["id"].get<std::string>()));
    }
  }
  forEachReference(resource, path, true, [&](const std::string& ref, const std::string& at) {
    if (ref.starts_with("#") && ref.size() > 1 && !ids.contains(ref)) {
      issues.push_back({"error", "not-found", at, "reference '" + ref + "' names no contained resource", {}, {}});
    }
  });
}

}  // namespace gpc::fhir
