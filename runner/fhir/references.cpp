#include "runner/fhir/references.h"
#include "runner/fhir/text_util.h"

#include <unordered_set>

namespace gpc::fhir {
namespace {

// Calls `visit(reference, path)` for every Reference.reference below `value`, not descending
// into resources other than `value` itself (those are checked on their own). `path` is one
// buffer extended and cut back on the way, so walking costs no string per element; the visitor
// copies it only for a reference it reports.
template <typename Visit>
void forEachReference(const nlohmann::json& value, std::string& path, bool top, const Visit& visit) {
  const std::size_t mark = path.size();
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto& item = value[i];
      if (!item.is_object() && !item.is_array()) continue;
      path.append("[").append(std::to_string(i)).append("]");
      forEachReference(item, path, false, visit);
      path.resize(mark);
    }
    return;
  }
  if (!value.is_object()) return;
  if (!top && value.contains("resourceType")) return;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& key = it.key();
    const auto& child = it.value();
    if (key == "reference" && child.is_string()) {
      path.append(".reference");
      visit(child.get_ref<const std::string&>(), static_cast<const std::string&>(path));
      path.resize(mark);
    } else if (key != "contained" && (child.is_object() || child.is_array())) {
      path.append(".").append(key);
      forEachReference(child, path, false, visit);
      path.resize(mark);
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
    std::string where = path + ".entry[" + std::to_string(i) + "].resource";
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
  std::string where = path;
  forEachReference(resource, where, true, [&](const std::string& ref, const std::string& at) {
    if (ref.starts_with("#") && ref.size() > 1 && !ids.contains(ref)) {
      issues.push_back({"error", "not-found", at, "reference '" + ref + "' names no contained resource", {}, {}});
    }
  });
}

}  // namespace gpc::fhir
