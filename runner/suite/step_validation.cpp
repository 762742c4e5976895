#include "runner/suite/step_validation.h"

#include <algorithm>

#include "runner/checks/expectation_kinds.h"
#include "runner/core/json_input.h"
#include "runner/core/load_error.h"

namespace gpc {

namespace ji = json_input;
using ji::Kind;

namespace {

void stringOrNull(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  if (!v.is_null()) ji::expect(v, Kind::String, file, ptr);
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

void validateJwt(const nlohmann::json& jwt, const std::string& file, const std::string& ptr) {
  ji::expect(jwt, Kind::Object, file, ptr);
  ji::checkKeys(jwt, file, ptr,
                {"set", "remove", "iat_offset", "exp_offset", "scope", "encoding", "trailing_dot", "header", "raw", "none"});
  ji::optional(jwt, "set", Kind::Object, file, ptr);
  if (auto* r = ji::optional(jwt, "remove", Kind::Array, file, ptr)) ji::expectStringList(*r, file, ji::child(ptr, "remove"));
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
  if (r.contains("remove_headers")) ji::expectStringList(r["remove_headers"], file, ji::child(ptr, "remove_headers"));
  if (r.contains("add_headers")) pairList(r["add_headers"], file, ji::child(ptr, "add_headers"));
  ji::optional(r, "interaction_id", Kind::String, file, ptr);
  if (r.contains("jwt")) validateJwt(r["jwt"], file, ji::child(ptr, "jwt"));
  if (r.contains("body")) validateBody(r["body"], file, ji::child(ptr, "body"));
  if (r.contains("content_type")) stringOrNull(r["content_type"], file, ji::child(ptr, "content_type"));
  if (r.contains("accept")) stringOrNull(r["accept"], file, ji::child(ptr, "accept"));
}

void validateExpect(const nlohmann::json& x, const std::string& file, const std::string& ptr) {
  ji::expect(x, Kind::Object, file, ptr);
  ji::checkKeys(x, file, ptr, checks::expectationKeys());
  for (const auto& kind : checks::expectationKinds())
    if (const auto it = x.find(kind.key); it != x.end()) kind.validate(*it, file, ji::child(ptr, kind.key));
}

}  // namespace gpc
