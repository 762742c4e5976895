// Expectations on the resource in the body: its type and profile, and GP Connect OperationOutcomes;
// each kind's load-time shape beside its check (rows of expectation_kinds.cpp).
#include "runner/checks/check_result.h"
#include "runner/checks/expectation_kinds.h"
#include "runner/core/json_input.h"
#include "runner/core/load_error.h"

#include <variant>

namespace gpc::checks {
namespace {

namespace ji = json_input;
using ji::Kind;

std::string profiles(const nlohmann::json& resource) {
  if (!resource.contains("meta") || !resource["meta"].contains("profile")) return "(no meta.profile)";
  return resource["meta"]["profile"].dump();
}

bool claimsProfile(const nlohmann::json& resource, const std::string& url) {
  if (!resource.contains("meta") || !resource["meta"].is_object()) return false;
  const auto& p = resource["meta"].value("profile", nlohmann::json());
  if (p.is_string()) return p == url;  // DSTU2 and sloppy STU3 alike
  if (!p.is_array()) return false;
  for (const auto& item : p)
    if (item == url) return true;
  return false;
}

std::string str(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "(absent)" : v.dump(); }

const nlohmann::json& at(const nlohmann::json& v, std::initializer_list<std::variant<const char*, int>> path) {
  static const nlohmann::json null;
  const nlohmann::json* node = &v;
  for (const auto& step : path) {
    if (std::holds_alternative<const char*>(step)) {
      auto key = std::get<const char*>(step);
      if (!node->is_object() || !node->contains(key)) return null;
      node = &(*node)[key];
    } else {
      auto i = std::size_t(std::get<int>(step));
      if (!node->is_array() || node->size() <= i) return null;
      node = &(*node)[i];
    }
  }
  return *node;
}

// issue.diagnostics, judged only when the suite asks: the spec makes it a MUST for some errors
// (INVALID_RESOURCE, INVALID_PARAMETER, REFERENCE_NOT_FOUND, INTERNAL_SERVER_ERROR, a named bad
// parameter) and a SHOULD elsewhere, and a SHOULD cannot fail a case (docs/suite-format.md).
// want: "present" (a non-blank string) or {"contains": "text"} (present and containing text);
// "any" (not judged, for example tables mixing MUST and SHOULD rows) never reaches here.
CheckResult checkDiagnostics(const nlohmann::json& want, const nlohmann::json& actual, const std::string& base) {
  const std::string subject = base + ".diagnostics";
  const bool present = actual.is_string() && actual.get<std::string>().find_first_not_of(" \t\r\n") != std::string::npos;
  if (want.is_object()) {
    const std::string needle = want.value("contains", std::string());
    const bool ok = present && actual.get<std::string>().find(needle) != std::string::npos;
    return makeResult("operation_outcome", subject, ok,
                      ok ? subject + " names \"" + needle + "\""
                         : subject + ": expected text containing \"" + needle + "\", got " + str(actual),
                      "contains \"" + needle + "\"", str(actual));
  }
  return makeResult("operation_outcome", subject, present,
                    present ? subject + " gives the detail: \"" + actual.get<std::string>() + "\""
                            : subject + " must give the detail of the error but is " +
                                  (actual.is_string() ? std::string("blank") : str(actual)),
                    "present", str(actual));
}

// operation_outcome.diagnostics: "present", {"contains": "text"} or "any" (not judged).
void validateDiagnostics(const nlohmann::json& d, const std::string& file, const std::string& ptr) {
  if (d == "present" || d == "any") return;
  if (d.is_object()) {
    ji::checkKeys(d, file, ptr, {"contains"});
    ji::required(d, "contains", Kind::String, file, ptr);
    if (!d["contains"].get<std::string>().empty()) return;
    throw LoadError(file, ji::child(ptr, "contains"), "expected the text the diagnostics must contain");
  }
  throw LoadError(file, ptr, "expected \"present\", \"any\" or {\"contains\": \"text\"}, got " + d.dump());
}

}  // namespace

void validateResourceSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::Object, file, ptr);
  ji::checkKeys(v, file, ptr, {"type", "profile"});
  if (v.empty()) throw LoadError(file, ptr, "give \"type\" and/or \"profile\"");
  ji::optional(v, "type", Kind::String, file, ptr);
  ji::optional(v, "profile", Kind::String, file, ptr);
}

std::vector<CheckResult> checkResource(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  std::vector<CheckResult> out;
  const auto* res = r.resource();
  if (!res) {
    return {makeResult("resource", "body", false,
                       "expected a FHIR resource, but " + (r.parseError.empty() ? std::string("the body is empty")
                                                                               : r.parseError),
                       spec.dump(), brief(r.response->body))};
  }
  const std::string type = str(res->value("resourceType", nlohmann::json()));
  if (spec.contains("type")) {
    const auto want = spec["type"].get<std::string>();
    out.push_back(makeResult("resource", "resourceType", type == want,
                             type == want ? "resource is a " + want : "expected a " + want + ", got " + type, want, type));
  }
  if (spec.contains("profile")) {
    const auto want = spec["profile"].get<std::string>();
    const auto& p = at(*res, {"meta", "profile"});
    const bool ok = (p.is_array() && p.size() == 1 && p[0] == want) || (p.is_string() && p == want);
    out.push_back(makeResult("resource", "meta.profile", ok,
                             ok ? "meta.profile is " + want
                                : "expected meta.profile to be exactly [\"" + want + "\"], got " + profiles(*res),
                             want, profiles(*res)));
  }
  return out;
}

void validateOperationOutcomeSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::Object, file, ptr);
  ji::checkKeys(v, file, ptr, {"code", "issue_code", "severity", "display", "diagnostics"});
  for (const auto& [k, field] : v.items())
    if (k != "diagnostics") ji::expect(field, Kind::String, file, ji::child(ptr, k));
  if (v.contains("diagnostics")) validateDiagnostics(v["diagnostics"], file, ji::child(ptr, "diagnostics"));
}

std::vector<CheckResult> checkOperationOutcome(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  const bool dstu2 = r.fhir == FhirVersion::DSTU2;
  const std::string profile = dstu2 ? "http://fhir.nhs.net/StructureDefinition/gpconnect-operationoutcome-1"
                                    : "https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1";
  const std::string system = dstu2 ? "http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1"
                                   : "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1";
  const auto* res = r.resource();
  const std::string type = res ? str(res->value("resourceType", nlohmann::json())) : "";
  if (type != "OperationOutcome")
    return {makeResult("operation_outcome", "resourceType", false,
                       "expected an OperationOutcome, got " +
                           (res ? type : r.parseError.empty() ? std::string("an empty body") : r.parseError),
                       "OperationOutcome", res ? type : brief(r.response->body))};
  std::vector<CheckResult> out;
  out.push_back(makeResult("operation_outcome", "meta.profile", claimsProfile(*res, profile),
                           claimsProfile(*res, profile) ? "OperationOutcome claims " + profile
                                                        : "OperationOutcome meta.profile must include " + profile +
                                                              ", got " + profiles(*res),
                           profile, profiles(*res)));
  const auto& issues = at(*res, {"issue"});
  if (!issues.is_array() || issues.empty()) {
    out.push_back(makeResult("operation_outcome", "issue", false, "OperationOutcome has no issue", "1..* issue", "none"));
    return out;
  }
  // The issue to judge: the one carrying the expected Spine code, else the first.
  std::size_t index = 0;
  if (spec.contains("code"))
    for (std::size_t i = 0; i < issues.size(); ++i)
      if (at(issues[i], {"details", "coding", 0, "code"}) == spec["code"]) index = i;
  const auto& issue = issues[index];
  const std::string base = "issue[" + std::to_string(index) + "]";
  auto field = [&](const std::string& subject, const nlohmann::json& actual, const std::string& want) {
    const bool ok = actual.is_string() && actual == want;
    out.push_back(makeResult("operation_outcome", base + "." + subject, ok,
                             ok ? base + "." + subject + " is " + want
                                : base + "." + subject + ": expected \"" + want + "\", got " + str(actual),
                             want, str(actual)));
  };
  field("severity", at(issue, {"severity"}), spec.value("severity", std::string("error")));
  if (spec.contains("issue_code")) field("code", at(issue, {"code"}), spec["issue_code"].get<std::string>());
  field("details.coding[0].system", at(issue, {"details", "coding", 0, "system"}), system);
  if (spec.contains("code")) field("details.coding[0].code", at(issue, {"details", "coding", 0, "code"}), spec["code"].get<std::string>());
  const auto& display = at(issue, {"details", "coding", 0, "display"});
  if (spec.contains("display")) {
    field("details.coding[0].display", display, spec["display"].get<std::string>());
  } else {
    const bool ok = display.is_string() && !display.get<std::string>().empty();
    out.push_back(makeResult("operation_outcome", base + ".details.coding[0].display", ok,
                             ok ? "display is \"" + display.get<std::string>() + "\""
                                : base + ".details.coding[0].display is required by the profile but is " + str(display),
                             "present", str(display)));
  }
  if (spec.contains("diagnostics") && spec["diagnostics"] != "any")
    out.push_back(checkDiagnostics(spec["diagnostics"], at(issue, {"diagnostics"}), base));
  return out;
}

}  // namespace gpc::checks
