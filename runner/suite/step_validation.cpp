#include "runner/suite/step_validation.h"

#include <algorithm>
#include <regex>

#include "runner/checks/named_checks.h"
#include "runner/checks/pattern.h"
#include "runner/core/json_input.h"
#include "runner/core/load_error.h"

namespace gpc {

namespace ji = json_input;
using ji::Kind;

namespace {

void stringOrNull(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  if (!v.is_null()) ji::expect(v, Kind::String, file, ptr);
}

void stringList(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::Array, file, ptr);
  for (std::size_t i = 0; i < v.size(); ++i) ji::expect(v[i], Kind::String, file, ji::child(ptr, i));
}

// [[name, value], ...] with string names and string (or number) values.
void pairList(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::Array, file, ptr);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto p = ji::child(ptr, i);
    if (!v[i].is_array() || v[i].size() != 2 || !v[i][0].is_string() ||
        !(v[i][1].is_string() || v[i][1].is_number()))
      throw LoadError(file, p, "expected a [name, value] pair of strings, got " + v[i].dump());
  }
}

void validateRegex(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  ji::expect(v, Kind::String, file, ptr);
  try {
    auto re = checks::compilePattern(v.get<std::string>());
    (void)re;
  } catch (const std::regex_error& e) {
    throw LoadError(file, ptr, std::string("invalid regular expression: ") + e.what());
  }
}

void validateJwt(const nlohmann::json& jwt, const std::string& file, const std::string& ptr) {
  ji::expect(jwt, Kind::Object, file, ptr);
  ji::checkKeys(jwt, file, ptr,
                {"set", "remove", "iat_offset", "exp_offset", "scope", "encoding", "trailing_dot", "header", "raw", "none"});
  ji::optional(jwt, "set", Kind::Object, file, ptr);
  if (auto* r = ji::optional(jwt, "remove", Kind::Array, file, ptr)) stringList(*r, file, ji::child(ptr, "remove"));
  ji::optional(jwt, "iat_offset", Kind::Integer, file, ptr);
  ji::optional(jwt, "exp_offset", Kind::Integer, file, ptr);
  ji::optional(jwt, "scope", Kind::String, file, ptr);
  if (auto* e = ji::optional(jwt, "encoding", Kind::String, file, ptr)) {
    auto s = e->get<std::string>();
    if (s != "base64url" && s != "plain" && s != "base64")
      throw LoadError(file, ji::child(ptr, "encoding"), "expected \"base64url\", \"plain\" or \"base64\", got \"" + s + "\"");
  }
  ji::optional(jwt, "trailing_dot", Kind::Boolean, file, ptr);
  ji::optional(jwt, "header", Kind::Object, file, ptr);
  ji::optional(jwt, "raw", Kind::String, file, ptr);
  ji::optional(jwt, "none", Kind::Boolean, file, ptr);
}

void validateBody(const nlohmann::json& body, const std::string& file, const std::string& ptr) {
  ji::expect(body, Kind::Object, file, ptr);
  ji::checkKeys(body, file, ptr, {"fixture", "json", "raw", "format"});
  int sources = int(body.contains("fixture")) + int(body.contains("json")) + int(body.contains("raw"));
  if (sources != 1) throw LoadError(file, ptr, "a body has exactly one of \"fixture\", \"json\" or \"raw\"");
  ji::optional(body, "fixture", Kind::String, file, ptr);
  ji::optional(body, "raw", Kind::String, file, ptr);
  if (auto* f = ji::optional(body, "format", Kind::String, file, ptr)) {
    auto s = f->get<std::string>();
    if (s != "json" && s != "xml") throw LoadError(file, ji::child(ptr, "format"), "expected \"json\" or \"xml\", got \"" + s + "\"");
    if (s == "xml" && body.contains("raw"))
      throw LoadError(file, ji::child(ptr, "format"), "\"format\": \"xml\" converts a JSON body; a raw body is sent as is");
  }
}

void validateStatus(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  auto isStatus = [](const nlohmann::json& s) {
    return s.is_number_integer() && s.get<int>() >= 100 && s.get<int>() <= 599;
  };
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
  if (m.contains("matches")) validateRegex(m["matches"], file, ji::child(ptr, "matches"));
  if (auto* c = ji::optional(m, "count", Kind::Integer, file, ptr); c && c->get<int>() < 0)
    throw LoadError(file, ji::child(ptr, "count"), "expected a count >= 0");
}

void validateAssert(const nlohmann::json& a, const std::string& file, const std::string& ptr) {
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
  if (a.contains("matches")) validateRegex(a["matches"], file, ji::child(ptr, "matches"));
  ji::optional(a, "count", Kind::Integer, file, ptr);
  ji::optional(a, "message", Kind::String, file, ptr);
}

// request.tls: who the client claims to be (none / a named target identity / PEM files) and
// what it offers (highest TLS version, cipher list), or no TLS at all (plain_http).
void validateTls(const nlohmann::json& t, const std::string& file, const std::string& tp) {
  ji::checkKeys(t, file, tp, {"client_cert", "client_key", "none", "identity", "max_version", "ciphers", "plain_http"});
  if (t.empty()) throw LoadError(file, tp, "an empty tls object changes nothing; omit it");
  for (const char* flag : {"none", "plain_http"})
    if (t.contains(flag) && t[flag] != true) throw LoadError(file, ji::child(tp, flag), "expected true");
  const bool cert = ji::optional(t, "client_cert", Kind::String, file, tp) != nullptr;
  const bool key = ji::optional(t, "client_key", Kind::String, file, tp) != nullptr;
  if (cert != key) throw LoadError(file, tp, "client_cert and client_key go together");
  const auto* identity = ji::optional(t, "identity", Kind::String, file, tp);
  if (identity && identity->get<std::string>().empty()) throw LoadError(file, ji::child(tp, "identity"), "expected a name");
  if (int(t.contains("none")) + int(cert) + int(identity != nullptr) > 1)
    throw LoadError(file, tp, "give at most one of \"none\": true, \"identity\", or \"client_cert\" and \"client_key\"");
  if (const auto* v = ji::optional(t, "max_version", Kind::String, file, tp)) {
    const auto s = v->get<std::string>();
    if (s != "1.0" && s != "1.1" && s != "1.2" && s != "1.3")
      throw LoadError(file, ji::child(tp, "max_version"), "expected \"1.0\", \"1.1\", \"1.2\" or \"1.3\", got \"" + s + "\"");
  }
  if (const auto* c = ji::optional(t, "ciphers", Kind::String, file, tp); c && c->get<std::string>().empty())
    throw LoadError(file, ji::child(tp, "ciphers"), "expected an OpenSSL cipher list");
  if (t.contains("plain_http") && t.size() > 1)
    throw LoadError(file, tp, "plain_http sends no TLS at all; it cannot be combined with other tls settings");
}

}  // namespace

void validateRequest(const nlohmann::json& r, const std::string& file, const std::string& ptr,
                     const std::vector<std::string>& endpointGroups) {
  ji::expect(r, Kind::Object, file, ptr);
  ji::checkKeys(r, file, ptr,
                {"method", "path", "path_params", "endpoint", "url", "query", "raw_query", "headers", "remove_headers",
                 "add_headers", "interaction_id", "jwt", "body", "content_type", "accept", "tls"});
  if (const auto* t = ji::optional(r, "tls", Kind::Object, file, ptr)) {
    const auto tp = ji::child(ptr, "tls");
    validateTls(*t, file, ji::child(ptr, "tls"));
  }
  if (auto* m = ji::optional(r, "method", Kind::String, file, ptr); m && m->get<std::string>().empty())
    throw LoadError(file, ji::child(ptr, "method"), "a method cannot be empty");
  if (auto* p = ji::optional(r, "path", Kind::String, file, ptr); p && (p->get<std::string>().empty() || p->get<std::string>()[0] != '/'))
    throw LoadError(file, ji::child(ptr, "path"), "a path starts with '/'");
  if (auto* pp = ji::optional(r, "path_params", Kind::Object, file, ptr))
    for (const auto& [k, v] : pp->items())
      if (!v.is_string() && !v.is_number())
        throw LoadError(file, ji::child(ji::child(ptr, "path_params"), k), "expected a string or a number, got " + ji::describeType(v));
  if (auto* e = ji::optional(r, "endpoint", Kind::String, file, ptr)) {
    auto s = e->get<std::string>();
    if (std::find(endpointGroups.begin(), endpointGroups.end(), s) == endpointGroups.end())
      throw LoadError(file, ji::child(ptr, "endpoint"), "expected " + ji::oneOf(endpointGroups) + ", got \"" + s + "\"");
  }
  ji::optional(r, "url", Kind::String, file, ptr);
  if (r.contains("query")) pairList(r["query"], file, ji::child(ptr, "query"));
  ji::optional(r, "raw_query", Kind::String, file, ptr);
  if (auto* h = ji::optional(r, "headers", Kind::Object, file, ptr))
    for (const auto& [k, v] : h->items()) stringOrNull(v, file, ji::child(ji::child(ptr, "headers"), k));
  if (r.contains("remove_headers")) stringList(r["remove_headers"], file, ji::child(ptr, "remove_headers"));
  if (r.contains("add_headers")) pairList(r["add_headers"], file, ji::child(ptr, "add_headers"));
  ji::optional(r, "interaction_id", Kind::String, file, ptr);
  if (r.contains("jwt")) validateJwt(r["jwt"], file, ji::child(ptr, "jwt"));
  if (r.contains("body")) validateBody(r["body"], file, ji::child(ptr, "body"));
  if (r.contains("content_type")) stringOrNull(r["content_type"], file, ji::child(ptr, "content_type"));
  if (r.contains("accept")) stringOrNull(r["accept"], file, ji::child(ptr, "accept"));
}

void validateExpect(const nlohmann::json& x, const std::string& file, const std::string& ptr) {
  ji::expect(x, Kind::Object, file, ptr);
  ji::checkKeys(x, file, ptr,
                {"status", "headers", "content_type", "body", "resource", "operation_outcome", "assert", "fhirpath",
                 "validate", "checks", "max_ms", "no_response", "transport"});
  if (const auto* t = ji::optional(x, "transport", Kind::String, file, ptr);
      t && *t != "handshake-refused" && *t != "connection-refused" && *t != "not-served")
    throw LoadError(file, ji::child(ptr, "transport"),
                    "expected \"handshake-refused\", \"connection-refused\" or \"not-served\"");
  if (x.contains("no_response") && x["no_response"] != true)
    throw LoadError(file, ji::child(ptr, "no_response"), "expected true (omit it when a response is expected)");
  if (x.contains("status")) validateStatus(x["status"], file, ji::child(ptr, "status"));
  if (auto* h = ji::optional(x, "headers", Kind::Object, file, ptr)) {
    for (const auto& [name, m] : h->items()) {
      const auto hp = ji::child(ji::child(ptr, "headers"), name);
      if (m.is_array()) {
        for (std::size_t i = 0; i < m.size(); ++i) validateHeaderMatcher(m[i], file, ji::child(hp, i));
      } else {
        validateHeaderMatcher(m, file, hp);
      }
    }
  }
  ji::optional(x, "content_type", Kind::String, file, ptr);
  if (auto* b = ji::optional(x, "body", Kind::String, file, ptr)) {
    auto s = b->get<std::string>();
    if (s != "empty" && s != "non-empty" && s != "json" && s != "xml" && s != "fhir")
      throw LoadError(file, ji::child(ptr, "body"), "expected empty, non-empty, json, xml or fhir, got \"" + s + "\"");
  }
  if (auto* r = ji::optional(x, "resource", Kind::Object, file, ptr)) {
    const auto rp = ji::child(ptr, "resource");
    ji::checkKeys(*r, file, rp, {"type", "profile"});
    if (r->empty()) throw LoadError(file, rp, "give \"type\" and/or \"profile\"");
    ji::optional(*r, "type", Kind::String, file, rp);
    ji::optional(*r, "profile", Kind::String, file, rp);
  }
  if (auto* o = ji::optional(x, "operation_outcome", Kind::Object, file, ptr)) {
    const auto op = ji::child(ptr, "operation_outcome");
    ji::checkKeys(*o, file, op, {"code", "issue_code", "severity", "display", "diagnostics"});
    for (const auto& [k, v] : o->items())
      if (k != "diagnostics") ji::expect(v, Kind::String, file, ji::child(op, k));
    if (o->contains("diagnostics")) validateDiagnostics((*o)["diagnostics"], file, ji::child(op, "diagnostics"));
  }
  if (auto* a = ji::optional(x, "assert", Kind::Array, file, ptr))
    for (std::size_t i = 0; i < a->size(); ++i) validateAssert((*a)[i], file, ji::child(ji::child(ptr, "assert"), i));
  if (x.contains("fhirpath")) stringList(x["fhirpath"], file, ji::child(ptr, "fhirpath"));
  if (x.contains("validate")) {
    const auto& v = x["validate"];
    const auto vp = ji::child(ptr, "validate");
    if (v.is_object()) {
      ji::checkKeys(v, file, vp, {"profile"});
      ji::required(v, "profile", Kind::String, file, vp);
    } else if (!(v.is_boolean() && v.get<bool>())) {
      throw LoadError(file, vp, "expected true or {\"profile\": \"url\"}");
    }
  }
  if (auto* c = ji::optional(x, "checks", Kind::Array, file, ptr)) {
    for (std::size_t i = 0; i < c->size(); ++i) {
      const auto cp = ji::child(ji::child(ptr, "checks"), i);
      const auto& item = (*c)[i];
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
      if (!checks::isNamedCheck(name)) {
        std::string reason = "unknown check \"" + name + "\"";
        if (auto hint = ji::closest(name, checks::namedCheckNames()); !hint.empty()) reason += " (did you mean \"" + hint + "\"?)";
        throw LoadError(file, cp, reason);
      }
    }
  }
  if (auto* m = ji::optional(x, "max_ms", Kind::Number, file, ptr); m && m->get<double>() <= 0)
    throw LoadError(file, ji::child(ptr, "max_ms"), "expected a positive number of milliseconds");
}

}  // namespace gpc
