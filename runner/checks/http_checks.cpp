// Expectations on the HTTP layer: status, headers, content type, body shape, timing.
#include <pugixml.hpp>
#include "runner/fhir/json_access.h"
#include <regex>

#include "runner/checks/check_result.h"
#include "runner/checks/expectations.h"
#include "runner/checks/pattern.h"
#include "runner/fhir/xml_doctype.h"
#include "runner/request/request_builder.h"

namespace gpc::checks {
namespace {

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

}  // namespace

std::string brief(const std::string& text, std::size_t max) {
  return text.size() <= max ? text : text.substr(0, max) + "... (" + std::to_string(text.size()) + " bytes)";
}

std::vector<CheckResult> checkStatus(const nlohmann::json& spec, const ResponseView& r) {
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

std::vector<CheckResult> checkHeaders(const nlohmann::json& spec, const ResponseView& r) {
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
      std::string expected, message;
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
        else ok = !values.empty() && std::regex_search(joined, compilePattern(want));
        const std::string verb = op == "equals" ? "equal" : op == "equals_ci" ? "equal (ignoring case)"
                                 : op == "contains" ? "contain" : "match";
        expected = verb + " \"" + want + "\"";
        message = "header " + name + (values.empty() ? " is missing (expected to " + expected + ")"
                                      : ok ? std::string(" ") + (verb == "contain" ? "contains" : verb == "match" ? "matches" : "equals") + " \"" + want + "\""
                                           : ": expected to " + expected + ", got \"" + brief(joined) + "\"");
      }
      out.push_back(makeResult("header", name, ok, message, expected, actual));
    }
  }
  return out;
}

std::vector<CheckResult> checkContentType(const nlohmann::json& spec, const ResponseView& r) {
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

std::vector<CheckResult> checkBody(const nlohmann::json& spec, const ResponseView& r) {
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

std::vector<CheckResult> checkMaxMs(const nlohmann::json& spec, const ResponseView& r) {
  const double limit = spec.get<double>(), took = r.response->elapsedMs;
  const bool ok = r.response->status != 0 && took <= limit;
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "response took %.1f ms (limit %.0f ms)", took, limit);
  return {makeResult("max_ms", "response time", ok, buffer, "<= " + std::to_string(long(limit)) + " ms",
                 std::to_string(long(took)) + " ms")};
}

std::vector<CheckResult> checkNoResponse(const nlohmann::json&, const ResponseView& r) {
  const bool ok = r.response->status == 0;
  return {makeResult("no_response", "HTTP response", ok,
                     ok ? "no HTTP response, as expected (" + r.response->transportError + ")"
                        : "expected the exchange to fail below HTTP, got HTTP status " + std::to_string(r.response->status),
                     "no HTTP response", statusText(*r.response))};
}

std::vector<CheckResult> runExpectations(const nlohmann::json& expect, const ResponseView& r, const FhirServices& fhir,
                                         const FhirPathVariables& vars) {
  std::vector<CheckResult> out;
  auto add = [&](std::vector<CheckResult> more) {
    for (auto& c : more) out.push_back(std::move(c));
  };
  if (expect.contains("no_response")) add(checkNoResponse(expect["no_response"], r));
  if (expect.contains("transport")) add(checkTransport(expect["transport"], r));
  if (expect.contains("status")) add(checkStatus(expect["status"], r));
  if (expect.contains("headers")) add(checkHeaders(expect["headers"], r));
  if (expect.contains("content_type")) add(checkContentType(expect["content_type"], r));
  if (expect.contains("body")) add(checkBody(expect["body"], r));
  if (expect.contains("resource")) add(checkResource(expect["resource"], r));
  if (expect.contains("operation_outcome")) add(checkOperationOutcome(expect["operation_outcome"], r));
  if (expect.contains("assert")) add(checkAssertions(expect["assert"], r, fhir, vars));
  if (expect.contains("fhirpath")) add(checkFhirPath(expect["fhirpath"], r, fhir, vars));
  if (expect.contains("validate")) add(checkValidate(expect["validate"], r, fhir));
  if (expect.contains("checks")) add(checkNamed(expect["checks"], r));
  if (expect.contains("max_ms")) add(checkMaxMs(expect["max_ms"], r));
  return out;
}

}  // namespace gpc::checks
