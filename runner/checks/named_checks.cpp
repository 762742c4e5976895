#include "runner/checks/named_checks.h"
#include "runner/fhir/json_access.h"

#include <algorithm>
#include <functional>
#include <set>

#include "runner/checks/check_result.h"
#include "runner/checks/expectation_kinds.h"
#include "runner/checks/latency_check.h"
#include "runner/checks/xhtml_narrative.h"
#include "runner/core/json_input.h"
#include "runner/core/load_error.h"

namespace gpc::checks {
namespace {

using CheckFn = std::function<CheckResult(const nlohmann::json& args, const ResponseView&)>;

CheckResult needsResource(const std::string& name, const ResponseView& r) {
  return makeResult(name, "body", false,
                    name + ": needs a FHIR resource body, but " + (r.parseError.empty() ? "there is none" : r.parseError));
}

// ARS and AD bundles: Bundle.id MUST equal the request's Ssp-TraceID.
CheckResult bundleIdIsTraceId(const nlohmann::json&, const ResponseView& r) {
  const std::string name = "bundle-id-is-trace-id";
  if (!r.resource()) return needsResource(name, r);
  const auto sent = headerValues(r.request->headers, "Ssp-TraceID");
  const std::string trace = sent.empty() ? "" : sent.front();
  const auto id = r.body.value("id", nlohmann::json());
  const bool ok = !trace.empty() && id.is_string() && id == trace;
  return makeResult(name, "Bundle.id", ok,
                    ok ? "Bundle.id equals the Ssp-TraceID" : "Bundle.id must equal the request's Ssp-TraceID \"" + trace + "\", got " + id.dump(),
                    trace, id.dump());
}

// Reads: ETag: W/"<meta.versionId>".
CheckResult etagIsMetaVersion(const nlohmann::json&, const ResponseView& r) {
  const std::string name = "etag-is-meta-version";
  if (!r.resource()) return needsResource(name, r);
  const auto etags = headerValues(r.response->headers, "ETag");
  std::string version;
  if (r.body.contains("meta") && r.body["meta"].is_object() && r.body["meta"].contains("versionId") &&
      r.body["meta"]["versionId"].is_string())
    version = r.body["meta"]["versionId"].get<std::string>();
  if (version.empty()) return makeResult(name, "meta.versionId", false, "the resource has no meta.versionId", "W/\"<versionId>\"", "");
  const std::string want = "W/\"" + version + "\"";
  const std::string actual = etags.empty() ? "(absent)" : etags.front();
  const bool ok = etags.size() == 1 && etags.front() == want;
  return makeResult(name, "ETag", ok, ok ? "ETag is " + want : "ETag must be " + want + " (from meta.versionId), got " + actual,
                    want, actual);
}

std::vector<const nlohmann::json*> entryResources(const nlohmann::json& bundle) {
  std::vector<const nlohmann::json*> out;
  if (!bundle.contains("entry") || !bundle["entry"].is_array()) return out;
  for (const auto& e : bundle["entry"])
    if (e.is_object() && e.contains("resource") && e["resource"].is_object()) out.push_back(&e["resource"]);
  return out;
}

CheckResult noDuplicateResources(const nlohmann::json&, const ResponseView& r) {
  const std::string name = "no-duplicate-resources";
  if (!r.resource()) return needsResource(name, r);
  std::set<std::string> seen;
  std::vector<std::string> dups;
  for (const auto* res : entryResources(r.body)) {
    const auto key = res->value("resourceType", std::string("?")) + "/" + res->value("id", std::string("?"));
    if (!seen.insert(key).second) dups.push_back(key);
  }
  const bool ok = dups.empty();
  std::string list;
  for (const auto& d : dups) list += (list.empty() ? "" : ", ") + d;
  return makeResult(name, "Bundle.entry", ok,
                    ok ? std::to_string(seen.size()) + " distinct resources" : "resources appear more than once: " + list,
                    "no duplicates", ok ? "" : list);
}

void collectReferences(const nlohmann::json& v, std::vector<std::string>& out) {
  if (v.is_object()) {
    for (const auto& [k, child] : v.items()) {
      if (k == "reference" && child.is_string()) out.push_back(child.get<std::string>());
      else collectReferences(child, out);
    }
  } else if (v.is_array()) {
    for (const auto& child : v) collectReferences(child, out);
  }
}

// Every relative or absolute reference inside a Bundle points at one of its entries.
CheckResult referencesResolve(const nlohmann::json&, const ResponseView& r) {
  const std::string name = "references-resolve";
  if (!r.resource()) return needsResource(name, r);
  if (fhir::resourceTypeOf(r.body) != "Bundle")
    return makeResult(name, "resourceType", false, "references-resolve applies to a Bundle, got " + r.body.value("resourceType", std::string("?")));
  std::set<std::string> targets;
  for (const auto& e : r.body.value("entry", nlohmann::json::array())) {
    if (e.contains("fullUrl") && e["fullUrl"].is_string()) targets.insert(e["fullUrl"].get<std::string>());
    if (e.contains("resource") && e["resource"].is_object())
      targets.insert(fhir::resourceTypeOf(e["resource"]) + "/" + e["resource"].value("id", std::string()));
  }
  std::vector<std::string> refs, missing;
  for (const auto* res : entryResources(r.body)) collectReferences(*res, refs);
  for (const auto& ref : refs) {
    if (ref.empty() || ref[0] == '#' || targets.count(ref)) continue;
    // An absolute URL resolves if its last two segments name an entry.
    auto slash = ref.rfind('/');
    auto prev = slash == std::string::npos || slash == 0 ? std::string::npos : ref.rfind('/', slash - 1);
    if (prev != std::string::npos && targets.count(ref.substr(prev + 1))) continue;
    missing.push_back(ref);
  }
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
  const bool ok = missing.empty();
  return makeResult(name, "Bundle references", ok,
                    ok ? std::to_string(refs.size()) + " references resolve inside the Bundle"
                       : "references not found in the Bundle: " + list,
                    "every reference resolves", list);
}

CheckResult maxMs(const nlohmann::json& args, const ResponseView& r) {
  if (!args.contains("ms") || !args["ms"].is_number())
    return makeResult("max-ms", "args", false, "max-ms needs {\"args\": {\"ms\": <limit>}}");
  return checkTimeLimit(args["ms"].get<double>(), *r.response);
}

const std::vector<std::pair<std::string, CheckFn>>& registry() {
  static const std::vector<std::pair<std::string, CheckFn>> checks = {
      {"bundle-id-is-trace-id", bundleIdIsTraceId},
      {"etag-is-meta-version", etagIsMetaVersion},
      {"no-duplicate-resources", noDuplicateResources},
      {"references-resolve", referencesResolve},
      {"max-ms", maxMs},
      {"xhtml-narrative", xhtmlNarrativeCheck},
  };
  return checks;
}

}  // namespace

const std::vector<std::string>& namedCheckNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [n, _] : registry()) out.push_back(n);
    return out;
  }();
  return names;
}

bool isNamedCheck(std::string_view name) {
  const auto& names = namedCheckNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

CheckResult runNamedCheck(std::string_view name, const nlohmann::json& args, const ResponseView& response) {
  for (const auto& [n, fn] : registry()) {
    if (n != name) continue;
    auto result = fn(args, response);
    result.kind = "check";
    result.subject = std::string(name) + (result.subject.empty() ? "" : " (" + result.subject + ")");
    return result;
  }
  return makeResult("check", std::string(name), false, "unknown check \"" + std::string(name) + "\"");
}

// `checks`: each item a known name, or {"name": ..., "args": {...}}; an unknown name gets a hint.
void validateChecksSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  namespace ji = json_input;
  using ji::Kind;
  ji::expect(v, Kind::Array, file, ptr);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto cp = ji::child(ptr, i);
    const auto& item = v[i];
    std::string name;
    if (item.is_string()) {
      name = item.get<std::string>();
    } else if (item.is_object()) {
      ji::checkKeys(item, file, cp, {"name", "args"});
      name = ji::required(item, "name", Kind::String, file, cp).get<std::string>();
      ji::optional(item, "args", Kind::Object, file, cp);
    } else {
      throw LoadError(file, cp, "expected a check name or {\"name\": ..., \"args\": {...}}");
    }
    if (!isNamedCheck(name)) {
      std::string reason = "unknown check \"" + name + "\"";
      if (auto hint = ji::closest(name, namedCheckNames()); !hint.empty()) reason += " (did you mean \"" + hint + "\"?)";
      throw LoadError(file, cp, reason);
    }
  }
}

std::vector<CheckResult> checkNamed(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  std::vector<CheckResult> out;
  for (const auto& item : spec) {
    if (item.is_string()) out.push_back(runNamedCheck(item.get<std::string>(), nlohmann::json::object(), r));
    else out.push_back(runNamedCheck(item["name"].get<std::string>(), item.value("args", nlohmann::json::object()), r));
  }
  return out;
}

}  // namespace gpc::checks
