// Expectations on the HTTP layer: no response, status, headers, content type, body shape; each
// kind's load-time shape beside its check (rows of expectation_kinds.cpp).
#include <pugixml.hpp>
#include "runner/fhir/json_access.h"
#include <regex>

#include "runner/checks/check_result.h"
#include "runner/checks/expectation_kinds.h"
#include "runner/checks/pattern.h"
#include "runner/core/json_input.h"
#include "runner/core/load_error.h"
#include "runner/fhir/xml_doctype.h"
#include "runner/request/request_builder.h"

namespace gpc::checks {
namespace {

namespace ji = json_input;
using ji::Kind;

std::string join(const std::vector<std::string>& values, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? sep : "") + values[i];
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

// "application/fhir+json; Charset=UTF-8" -> ("application/fhir+json", {"charset": "utf-8"})
std::pair<std::string, std::map<std::string, std::string>> mediaType(const std::string& value) {
  std::map<std::string, std::string> params;
  auto semi = value.find(';');
  std::string type = lower(trim(value.substr(0, semi)));
  while (semi != std::string::npos) {
    auto next = value.find(';', semi + 1);
    auto part = value.substr(semi + 1, next == std::string::npos ? std::string::npos : next - semi - 1);
    auto eq = part.find('=');
    if (eq != std::string::npos) {
      auto v = trim(part.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      params[lower(trim(part.substr(0, eq)))] = lower(v);
    }
    semi = next;
  }
  return {type, params};
}

std::string statusText(const HttpResponse& r) {
  return r.status == 0 ? "no HTTP response (" + (r.transportError.empty() ? "unknown" : r.transportError) + ")"
                       : std::to_string(r.status);
}

bool isStatus(const nlohmann::json& s) { return s.is_number_integer() && s.get<int>() >= 100 && s.get<int>() <= 599; }

void validateHeaderMatcher(const nlohmann::json& m, const std::string& file, const std::string& ptr) {
  ji::expect(m, Kind::Object, file, ptr);
  ji::checkKeys(m, file, ptr, {"present", "absent", "equals", "equals_ci", "contains", "matches", "count"});
  if (m.size() != 1)
    throw LoadError(file, ptr, "a header matcher has exactly one of present, absent, equals, equals_ci, contains, matches, count");
  ji::optional(m, "present", Kind::Boolean, file, ptr);
  ji::optional(m, "absent", Kind::Boolean, file, ptr);
  ji::optional(m, "equals", Kind::String, file, ptr);
  ji::optional(m, "equals_ci", Kind::String, file, ptr);
  ji::optional(m, "contains", Kind::String, file, ptr);
  if (m.contains("matches")) validatePattern(m["matches"], file, ji::child(ptr, "matches"));
  if (auto* c = ji::optional(m, "count", Kind::Integer, file, ptr); c && c->get<int>() < 0)
    throw LoadError(file, ji::child(ptr, "count"), "expected a count >= 0");
}

}  // namespace

std::string brief(const std::string& text, std::size_t max) {
  return text.size() <= max ? text : text.substr(0, max) + "... (" + std::to_string(text.size()) + " bytes)";
}

void validateStatusSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  const std::string reason =
      "expected an integer 100-599, a list of them, {\"not\": n} or {\"range\": [low, high]}";
  if (isStatus(v)) return;
  if (v.is_array() && !v.empty()) {
    for (const auto& s : v)
      if (!isStatus(s)) throw LoadError(file, ptr, reason);
    return;
  }
  if (v.is_object() && v.size() == 1) {
    if (v.contains("not") && isStatus(v["not"])) return;
    if (v.contains("range") && v["range"].is_array() && v["range"].size() == 2 && isStatus(v["range"][0]) &&
        isStatus(v["range"][1]) && v["range"][0] <= v["range"][1])
      return;
  }
  throw LoadError(file, ptr, reason);
}

std::vector<CheckResult> checkStatus(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  const long actual = r.response->status;
  bool ok = false;
  std::string expected;
  if (spec.is_number_integer()) {
    ok = actual == spec.get<long>();
    expected = std::to_string(spec.get<long>());
  } else if (spec.is_array()) {
    std::vector<std::string> parts;
    for (const auto& s : spec) {
      ok = ok || actual == s.get<long>();
      parts.push_back(std::to_string(s.get<long>()));
    }
    expected = "one of " + join(parts, ", ");
  } else if (spec.contains("not")) {
    ok = actual != 0 && actual != spec["not"].get<long>();
    expected = "not " + std::to_string(spec["not"].get<long>());
  } else {
    const long low = spec["range"][0].get<long>(), high = spec["range"][1].get<long>();
    ok = actual >= low && actual <= high;
    expected = std::to_string(low) + "-" + std::to_string(high);
  }
  std::string message = ok ? "HTTP status " + std::to_string(actual)
                           : "expected HTTP status " + expected + ", got " + statusText(*r.response);
  if (!ok && r.resource() && fhir::resourceTypeOf(r.body) == "OperationOutcome") {
    // The provider's own explanation is the quickest way to the cause.
    const auto& issues = r.body.value("issue", nlohmann::json::array());
    if (!issues.empty() && issues[0].contains("diagnostics"))
      message += " (diagnostics: " + brief(issues[0]["diagnostics"].dump()) + ")";
  }
  return {makeResult("status", "HTTP status", ok, message, expected, statusText(*r.response))};
}

void validateHeadersSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::Object, file, ptr);
  for (const auto& [name, m] : v.items()) {
    const auto hp = ji::child(ptr, name);
    if (m.is_array()) {
      for (std::size_t i = 0; i < m.size(); ++i) validateHeaderMatcher(m[i], file, ji::child(hp, i));
    } else {
      validateHeaderMatcher(m, file, hp);
    }
  }
}

std::vector<CheckResult> checkHeaders(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  std::vector<CheckResult> out;
  for (auto entry = spec.begin(); entry != spec.end(); ++entry) {
    const std::string& name = entry.key();
    const nlohmann::json& matchers = entry.value();
    const auto values = headerValues(r.response->headers, name);
    const std::string joined = join(values, ", ");
    const std::string actual = values.empty() ? "(absent)" : joined;
    const auto list = matchers.is_array() ? matchers : nlohmann::json::array({matchers});
    for (const auto& m : list) {
      // A matcher is a one-key object (checked at load). Plain iterators, not a structured
      // binding over items(): that would bind to a destroyed temporary iterator.
      const auto matcher = m.begin();
      const std::string& op = matcher.key();
      const nlohmann::json& arg = matcher.value();
      bool ok = false;
      std::string expected, message, refusal;
      if (op == "present" || op == "absent") {
        bool wantPresent = (op == "present") == arg.get<bool>();
        ok = wantPresent == !values.empty();
        expected = wantPresent ? "present" : "absent";
        message = "header " + name + (ok ? " is " + expected : wantPresent ? " is missing" : " should be absent but is \"" + joined + "\"");
      } else if (op == "count") {
        ok = values.size() == arg.get<std::size_t>();
        expected = std::to_string(arg.get<std::size_t>()) + " time(s)";
        message = "header " + name + " appears " + std::to_string(values.size()) + " time(s)" +
                  (ok ? "" : ", expected " + expected);
      } else {
        const auto want = arg.get<std::string>();
        if (op == "equals") ok = !values.empty() && joined == want;
        else if (op == "equals_ci") ok = !values.empty() && lower(joined) == lower(want);
        else if (op == "contains") ok = !values.empty() && joined.find(want) != std::string::npos;
        else ok = !values.empty() && searchPattern(joined, compilePattern(want), &refusal);
        const std::string verb = op == "equals" ? "equal" : op == "equals_ci" ? "equal (ignoring case)"
                                 : op == "contains" ? "contain" : "match";
        expected = verb + " \"" + want + "\"";
        message = "header " + name + (values.empty() ? " is missing (expected to " + expected + ")"
                                      : ok ? std::string(" ") + (verb == "contain" ? "contains" : verb == "match" ? "matches" : "equals") + " \"" + want + "\""
                                           : ": expected to " + expected + ", got " + (refusal.empty() ? "\"" + brief(joined) + "\"" : refusal));
      }
      out.push_back(makeResult("header", name, ok, message, expected, actual));
    }
  }
  return out;
}

void validateContentTypeSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::String, file, ptr);
}

std::vector<CheckResult> checkContentType(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  const auto values = headerValues(r.response->headers, "Content-Type");
  const std::string actual = values.empty() ? "(absent)" : join(values, ", ");
  const auto want = spec.get<std::string>();
  std::string expectedType, expected;
  bool needCharset = false;
  if (want == "json" || want == "xml") {
    expectedType = want == "json" ? fhirJsonType(r.fhir) : fhirXmlType(r.fhir);
    needCharset = true;
    expected = expectedType + "; charset=utf-8";
  } else {
    expected = want;
  }
  bool ok = false;
  std::string message;
  if (values.size() != 1) {
    message = values.empty() ? "Content-Type is missing (expected " + expected + ")"
                             : "Content-Type appears " + std::to_string(values.size()) + " times";
  } else if (needCharset) {
    auto [type, params] = mediaType(values[0]);
    if (type != expectedType) message = "Content-Type media type is \"" + type + "\", expected \"" + expectedType + "\"";
    else if (!params.count("charset")) message = "Content-Type has no charset parameter (expected charset=utf-8)";
    else if (params["charset"] != "utf-8") message = "Content-Type charset is \"" + params["charset"] + "\", expected utf-8";
    else ok = true;
  } else {
    auto [type, params] = mediaType(values[0]);
    auto [wantType, wantParams] = mediaType(want);
    ok = type == wantType && params == wantParams;
    if (!ok) message = "Content-Type is \"" + values[0] + "\", expected \"" + want + "\"";
  }
  if (ok) message = "Content-Type " + values[0];
  return {makeResult("content_type", "Content-Type", ok, message, expected, actual)};
}

void validateBodySpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::String, file, ptr);
  const auto s = v.get<std::string>();
  if (s != "empty" && s != "non-empty" && s != "json" && s != "xml" && s != "fhir")
    throw LoadError(file, ptr, "expected empty, non-empty, json, xml or fhir, got \"" + s + "\"");
}

std::vector<CheckResult> checkBody(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  const auto want = spec.get<std::string>();
  const auto& body = r.response->body;
  const std::string actual = body.empty() ? "(empty)" : std::to_string(body.size()) + " bytes";
  bool ok = false;
  std::string message;
  if (want == "empty") {
    ok = body.empty();
    message = ok ? "body is empty" : "expected an empty body, got " + actual;
  } else if (want == "non-empty") {
    ok = !body.empty();
    message = ok ? "body has " + actual : "expected a body, got none";
  } else if (want == "json") {
    ok = nlohmann::json::accept(body);
    message = ok ? "body is JSON" : "body is not valid JSON: " + brief(body);
  } else if (want == "xml") {
    if (const auto refused = fhir::refusedDoctype(body)) {
      ok = false;
      message = "body is XML with " + *refused;
    } else {
      pugi::xml_document doc;
      auto parsed = doc.load_buffer(body.data(), body.size());
      ok = bool(parsed) && doc.document_element();
      message = ok ? "body is XML" : std::string("body is not well-formed XML: ") + parsed.description();
    }
  } else {  // fhir
    ok = r.resource() && r.body.contains("resourceType") && r.body["resourceType"].is_string();
    message = ok ? "body is a FHIR " + r.body["resourceType"].get<std::string>()
                 : "body is not a FHIR resource" + (r.parseError.empty() ? " (no resourceType)" : ": " + r.parseError);
  }
  return {makeResult("body", "body", ok, message, want, actual)};
}

void validateNoResponseSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  if (v != true) throw LoadError(file, ptr, "expected true (omit it when a response is expected)");
}

// `no_response: true`: the exchange must fail below HTTP (connection refused/closed, TLS rejected).
std::vector<CheckResult> checkNoResponse(const nlohmann::json&, const CheckContext& context) {
  const ResponseView& r = context.response;
  const bool ok = r.response->status == 0;
  return {makeResult("no_response", "HTTP response", ok,
                     ok ? "no HTTP response, as expected (" + r.response->transportError + ")"
                        : "expected the exchange to fail below HTTP, got HTTP status " + std::to_string(r.response->status),
                     "no HTTP response", statusText(*r.response))};
}

}  // namespace gpc::checks
