// Assertions on body content: JSON pointer and FHIRPath forms, FHIRPath truths, profile
// validation; each kind's load-time shape beside its check (rows of expectation_kinds.cpp).
#include <algorithm>
#include <regex>

#include "runner/checks/check_result.h"
#include "runner/checks/expectation_kinds.h"
#include "runner/checks/pattern.h"
#include "runner/core/json_input.h"
#include "runner/core/load_error.h"

namespace gpc::checks {
namespace {

namespace ji = json_input;
using ji::Kind;

constexpr const char* kNoEngine = "FHIR engine not available";

// Judges the values an assertion selected; `what` names them in messages.
CheckResult judge(const nlohmann::json& a, const std::vector<nlohmann::json>& values, const std::string& kind,
                  const std::string& what) {
  const std::string actual = values.empty() ? "(nothing)" : values.size() == 1 ? values[0].dump() : nlohmann::json(values).dump();
  const std::string prefix = a.contains("message") ? a["message"].get<std::string>() + ": " : "";
  auto done = [&](bool ok, const std::string& expected, const std::string& failure) {
    return makeResult(kind, what, ok, prefix + (ok ? what + " is as expected (" + brief(actual) + ")" : failure), expected,
                      brief(actual));
  };
  if (a.contains("exists")) {
    const bool want = a["exists"].get<bool>();
    const bool ok = want == !values.empty();
    return done(ok, want ? "exists" : "absent",
                want ? what + " does not exist" : what + " should not exist but is " + brief(actual));
  }
  if (a.contains("equals")) {
    const auto& want = a["equals"];
    const bool ok = values.size() == 1 && values[0] == want;
    return done(ok, want.dump(), what + ": expected " + want.dump() + ", got " + brief(actual));
  }
  if (a.contains("matches")) {
    const auto pattern = a["matches"].get<std::string>();
    const std::regex re = compilePattern(pattern);
    std::string refusal;
    const bool ok = !values.empty() && std::all_of(values.begin(), values.end(), [&](const nlohmann::json& v) {
      return v.is_string() && searchPattern(v.get<std::string>(), re, &refusal);
    });
    return done(ok, "matches " + pattern,
                what + ": expected to match /" + pattern + "/, got " + (refusal.empty() ? brief(actual) : refusal));
  }
  if (a.contains("count")) {
    // A pointer selects one value: count its items when it is a list.
    std::size_t n = values.size();
    if (kind == "assert" && values.size() == 1 && values[0].is_array()) n = values[0].size();
    const auto want = a["count"].get<std::size_t>();
    return done(n == want, std::to_string(want) + " item(s)",
                what + ": expected " + std::to_string(want) + " item(s), got " + std::to_string(n));
  }
  if (a.contains("contains")) {
    const auto& want = a["contains"];
    bool ok = false;
    for (const auto& v : values) {
      if (v == want) ok = true;
      if (v.is_array())
        for (const auto& item : v) ok = ok || item == want;
      if (v.is_string() && want.is_string() && v.get<std::string>().find(want.get<std::string>()) != std::string::npos)
        ok = true;
    }
    return done(ok, "contains " + want.dump(), what + ": expected to contain " + want.dump() + ", got " + brief(actual));
  }
  // No matcher: the selection must be there and not false.
  const bool ok = !values.empty() && !(values.size() == 1 && values[0] == false);
  return done(ok, "true / non-empty", what + " is " + (values.empty() ? "empty" : "false"));
}

void validateAssertion(const nlohmann::json& a, const std::string& file, const std::string& ptr) {
  ji::expect(a, Kind::Object, file, ptr);
  ji::checkKeys(a, file, ptr, {"pointer", "fhirpath", "exists", "equals", "matches", "count", "contains", "message"});
  if (a.contains("pointer") == a.contains("fhirpath"))
    throw LoadError(file, ptr, "an assertion has exactly one of \"pointer\" or \"fhirpath\"");
  if (auto* p = ji::optional(a, "pointer", Kind::String, file, ptr)) {
    try {
      nlohmann::json::json_pointer jp(p->get<std::string>());
    } catch (const nlohmann::json::exception& e) {
      throw LoadError(file, ji::child(ptr, "pointer"), "invalid JSON pointer \"" + p->get<std::string>() + "\"");
    }
  }
  ji::optional(a, "fhirpath", Kind::String, file, ptr);
  ji::optional(a, "exists", Kind::Boolean, file, ptr);
  if (a.contains("matches")) validatePattern(a["matches"], file, ji::child(ptr, "matches"));
  ji::optional(a, "count", Kind::Integer, file, ptr);
  ji::optional(a, "message", Kind::String, file, ptr);
}

}  // namespace

void validateAssertSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::Array, file, ptr);
  for (std::size_t i = 0; i < v.size(); ++i) validateAssertion(v[i], file, ji::child(ptr, i));
}

std::vector<CheckResult> checkAssertions(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  const FhirServices& fhir = context.fhir;
  std::vector<CheckResult> out;
  for (const auto& a : spec) {
    if (a.contains("pointer")) {
      const auto ptr = a["pointer"].get<std::string>();
      if (!r.resource() && !r.body.is_array()) {
        out.push_back(makeResult("assert", ptr, false,
                                 "cannot check " + ptr + ": " + (r.parseError.empty() ? "no JSON body" : r.parseError)));
        continue;
      }
      std::vector<nlohmann::json> values;
      nlohmann::json::json_pointer jp(ptr);
      if (r.body.contains(jp)) values.push_back(r.body.at(jp));
      out.push_back(judge(a, values, "assert", ptr));
    } else {
      const auto expr = a["fhirpath"].get<std::string>();
      if (!fhir.available()) {
        out.push_back(makeErrored("assert", expr, kNoEngine));
        continue;
      }
      if (!r.resource()) {
        out.push_back(makeResult("assert", expr, false,
                                 "cannot evaluate " + expr + ": " + (r.parseError.empty() ? "no FHIR body" : r.parseError)));
        continue;
      }
      try {
        out.push_back(judge(a, fhir.evaluateFhirPath(expr, r.body, context.variables), "assert", expr));
      } catch (const std::exception& e) {
        out.push_back(makeErrored("assert", expr, std::string("FHIRPath: ") + e.what()));
      }
    }
  }
  return out;
}

void validateFhirPathSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expectStringList(v, file, ptr);
}

std::vector<CheckResult> checkFhirPath(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  const FhirServices& fhir = context.fhir;
  std::vector<CheckResult> out;
  for (const auto& e : spec) {
    const auto expr = e.get<std::string>();
    if (!fhir.available()) {
      out.push_back(makeErrored("fhirpath", expr, kNoEngine));
      continue;
    }
    if (!r.resource()) {
      out.push_back(makeResult("fhirpath", expr, false,
                               "cannot evaluate: " + (r.parseError.empty() ? std::string("no FHIR body") : r.parseError)));
      continue;
    }
    try {
      auto result = fhir.evaluateFhirPath(expr, r.body, context.variables);
      const bool ok = result.size() == 1 && result[0] == true;
      const auto actual = nlohmann::json(result).dump();
      out.push_back(makeResult("fhirpath", expr, ok, ok ? expr + " is true" : expr + " is " + brief(actual) + ", expected true",
                               "[true]", brief(actual)));
    } catch (const std::exception& ex) {
      out.push_back(makeErrored("fhirpath", expr, std::string("FHIRPath: ") + ex.what()));
    }
  }
  return out;
}

void validateValidateSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  if (v.is_object()) {
    ji::checkKeys(v, file, ptr, {"profile"});
    ji::required(v, "profile", Kind::String, file, ptr);
  } else if (!(v.is_boolean() && v.get<bool>())) {
    throw LoadError(file, ptr, "expected true or {\"profile\": \"url\"}");
  }
}

std::vector<CheckResult> checkValidate(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  const FhirServices& fhir = context.fhir;
  std::vector<std::string> extra;
  if (spec.is_object()) extra.push_back(spec["profile"].get<std::string>());
  const std::string subject = extra.empty() ? "claimed profiles" : extra.front();
  if (!fhir.available()) return {makeErrored("validate", subject, kNoEngine)};
  if (!r.resource())
    return {makeResult("validate", subject, false,
                       "cannot validate: " + (r.parseError.empty() ? std::string("no FHIR body") : r.parseError))};
  std::vector<ValidationIssue> issues;
  try {
    issues = fhir.validateAs(r.body, extra, r.fhir);
  } catch (const std::exception& e) {
    return {makeErrored("validate", subject, std::string("validator: ") + e.what())};
  }
  std::vector<CheckResult> out;
  std::size_t errors = 0;
  for (const auto& i : issues) {
    if (i.severity != "error" && i.severity != "fatal") continue;
    ++errors;
    out.push_back(makeResult("validate", i.location, false,
                             i.location + ": " + i.message + (i.profile.empty() ? "" : " [" + i.profile + "]"), i.profile,
                             i.code));
  }
  if (errors == 0)
    out.push_back(makeResult("validate", subject, true,
                             "valid against " + subject + " (" + std::to_string(issues.size()) + " warning(s)/note(s))"));
  return out;
}

}  // namespace gpc::checks
