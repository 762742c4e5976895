#include "provider/server/routing.h"

#include <algorithm>
#include <cctype>

namespace gpc::provider::server {
namespace {

constexpr std::string_view kNs = "urn:nhs:names:services:gpconnect:";

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (!path.empty() && path.back() == '/') out.emplace_back();  // a trailing slash is its own (empty) segment
  return out;
}

// FHIR logical id: [A-Za-z0-9\-\.]{1,64}.
bool isLogicalId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
  return true;
}

bool matches(std::string_view pattern, const std::vector<std::string>& segments, std::vector<std::string>& out) {
  const auto parts = split(pattern);
  if (parts.size() != segments.size()) return false;
  std::vector<std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == "{id}") {
      if (!isLogicalId(segments[i])) return false;
      found.push_back(segments[i]);
    } else if (parts[i] != segments[i]) {
      return false;
    }
  }
  out = std::move(found);
  return true;
}

}  // namespace

bool isKnownInteractionId(std::string_view id) {
  if (!id.starts_with(kNs)) return false;
  for (const CapabilityModule* module : capabilityModules())
    for (const auto& row : module->interactions)
      for (const auto& known : row.ids)
        if (known.id == id) return true;
  return false;
}

const InteractionId& interactionIdOf(const InteractionRow& row, std::string_view sspInteractionId) {
  for (const auto& known : row.ids)
    if (known.id == sspInteractionId) return known;
  return row.ids.front();
}

RouteMatch resolveRoute(std::string_view method, std::string_view path, std::string_view odsCode) {
  RouteMatch out;
  std::vector<std::pair<std::string, const CapabilityModule*>> roots;
  for (const CapabilityModule* module : capabilityModules())
    roots.emplace_back("/" + std::string(odsCode) + "/" + std::string(module->serviceRoot), module);
  std::stable_sort(roots.begin(), roots.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // Modules may share a service root (Foundations and Appointment Management do, spec-facts
  // §1): every module under the longest matching root is searched, in modules.cpp order.
  std::vector<const CapabilityModule*> candidates;
  for (const auto& [root, module] : roots) {
    if (!out.serviceRoot.empty() && root != out.serviceRoot) break;
    if (path.size() > root.size() + 1 && path.starts_with(root) && path[root.size()] == '/') {
      out.serviceRoot = root;
      candidates.push_back(module);
    }
  }
  if (candidates.empty()) return out;
  out.module = candidates.front();
  const auto segments = split(path.substr(out.serviceRoot.size() + 1));
  for (const CapabilityModule* module : candidates)
    for (const auto& row : module->interactions) {
      std::vector<std::string> found;
      if (!matches(row.path, segments, found)) continue;
      if (row.method == method) {
        out.module = module;
        out.interaction = &row;
        out.ids = std::move(found);
        out.wrongMethod = false;
        return out;
      }
      out.wrongMethod = true;
      if (!out.interaction) {
        out.module = module;
        out.interaction = &row;  // kept so a fault can serve it anyway
        out.ids = std::move(found);
      }
    }
  return out;
}

Response capabilityStatementResponse(const Call& call) {
  Response r;
  r.body = call.module.capabilityStatement(call.faults);
  // One statement per service root: the resources and profiles of the modules sharing it are
  // added to the statement of the module that serves /metadata.
  for (const CapabilityModule* other : capabilityModules()) {
    if (other == &call.module || other->serviceRoot != call.module.serviceRoot) continue;
    const nlohmann::json part = other->capabilityStatement(call.faults);
    for (const auto& p : part.value("profile", nlohmann::json::array())) r.body["profile"].push_back(p);
    for (const auto& res : part["rest"][0].value("resource", nlohmann::json::array()))
      r.body["rest"][0]["resource"].push_back(res);
  }
  return r;
}

}  // namespace gpc::provider::server
