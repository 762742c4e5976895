#include "runner/request/request_builder.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "runner/request/encoding.h"
#include "runner/request/jwt.h"

namespace gpc {
namespace {

std::string text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The NHS number a DSTU2 requested_record claim names: the first nhs-number identifier in the body.
std::string findNhsNumber(const nlohmann::json& v) {
  if (v.is_object()) {
    auto system = v.find("system");
    auto value = v.find("value");
    if (system != v.end() && value != v.end() && system->is_string() && value->is_string() &&
        system->get<std::string>().find("nhs-number") != std::string::npos)
      return value->get<std::string>();
    for (const auto& [_, child] : v.items())
      if (auto n = findNhsNumber(child); !n.empty()) return n;
  } else if (v.is_array()) {
    for (const auto& child : v)
      if (auto n = findNhsNumber(child); !n.empty()) return n;
  }
  return "";
}

std::string readFixture(const std::filesystem::path& root, const std::string& relative) {
  auto path = root / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RequestError("cannot read body fixture " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Body {
  std::string text;
  nlohmann::json json;  // when the body is JSON (for the NHS number), else null
  bool xml = false;
};

Body buildBody(const nlohmann::json& spec, const VariableLookup& lookup, const std::filesystem::path& fixturesRoot,
               const FhirServices& fhir) {
  Body body;
  if (spec.contains("raw")) {
    body.text = spec["raw"].get<std::string>();
    return body;
  }
  if (spec.contains("fixture")) {
    const auto name = spec["fixture"].get<std::string>();
    try {
      body.text = substitute(readFixture(fixturesRoot, name), lookup, Unknown::Throw);
    } catch (const UnknownVariable& e) {
      throw RequestError("body fixture " + name + ": " + e.what());
    }
    body.json = nlohmann::json::parse(body.text, nullptr, false);
    if (body.json.is_discarded()) body.json = nullptr;
  } else {
    body.json = spec["json"];
    body.text = body.json.dump();
  }
  if (spec.value("format", "json") == "xml") {
    if (body.json.is_null()) throw RequestError("\"format\": \"xml\" needs a JSON body to convert");
    if (!fhir.available()) throw RequestError("\"format\": \"xml\" needs the FHIR engine, which is not available");
    body.text = fhir.jsonToXml(body.json);
    body.xml = true;
  }
  return body;
}

std::string buildUrl(const nlohmann::json& req, const Step& step, const Target& target, const VariableLookup& lookup) {
  std::string url;
  if (req.contains("url")) {
    url = req["url"].get<std::string>();
  } else {
    const auto group = req.value("endpoint", step.interaction.endpoint);
    auto it = target.endpoints.find(group);
    if (it == target.endpoints.end()) throw MissingEndpoint(group);
    std::string path;
    if (req.contains("path")) {
      path = req["path"].get<std::string>();
    } else {
      const auto params = req.value("path_params", nlohmann::json::object());
      VariableLookup withParams = [&](const std::string& name) -> std::optional<nlohmann::json> {
        if (params.contains(name)) return params[name];
        return lookup(name);
      };
      path = substitute(step.interaction.path, withParams, Unknown::Throw);
    }
    url = it->second + path;
    // The tls group is the provider's own listener, judged directly: SSP never stands in front.
    if (!target.sspPrefix.empty() && group != "tls") url = target.sspPrefix + "/" + url;
  }
  std::string query;
  if (req.contains("query"))
    for (const auto& pair : req["query"]) {
      if (!query.empty()) query += '&';
      query += percentEncode(text(pair[0])) + "=" + percentEncode(text(pair[1]));
    }
  if (req.contains("raw_query")) {
    if (!query.empty()) query += '&';
    query += req["raw_query"].get<std::string>();
  }
  if (!query.empty()) url += (url.find('?') == std::string::npos ? "?" : "&") + query;
  return url;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

void setHeader(Headers& headers, const std::string& name, const std::string& value) {
  auto it = std::find_if(headers.begin(), headers.end(), [&](const Header& h) { return iequals(h.name, name); });
  if (it == headers.end()) {
    headers.push_back({name, value});
    return;
  }
  *it = {name, value};
  headers.erase(std::remove_if(std::next(it), headers.end(), [&](const Header& h) { return iequals(h.name, name); }),
                headers.end());
}

void removeHeader(Headers& headers, const std::string& name) {
  headers.erase(std::remove_if(headers.begin(), headers.end(), [&](const Header& h) { return iequals(h.name, name); }),
                headers.end());
}

namespace {

// request.tls: a per-request client side of TLS, or plain HTTP to the same endpoint.
void applyTls(const nlohmann::json& tls, const Target& target, const std::filesystem::path& fixturesRoot,
              HttpRequest& http) {
  if (tls.value("plain_http", false)) {
    if (http.url.rfind("https://", 0) == 0) http.url = "http://" + http.url.substr(8);
    return;
  }
  TlsOverride o;
  if (const auto name = tls.value("identity", std::string()); !name.empty()) {
    const auto it = target.tlsIdentities.find(name);
    if (it == target.tlsIdentities.end()) throw MissingTlsIdentity(name);
    o = it->second;
  } else if (tls.value("none", false)) {
    o.none = true;
  } else if (tls.contains("client_cert")) {
    // Client certificate files, like body fixtures, are relative to fixtures/.
    auto resolve = [&](const char* key) {
      const auto p = std::filesystem::path(tls.value(key, std::string()));
      return p.is_absolute() ? p.string() : (fixturesRoot / p).lexically_normal().string();
    };
    o.clientCert = resolve("client_cert");
    o.clientKey = resolve("client_key");
  } else {
    o.clientCert = target.transport.clientCert;  // only the offer changes: keep the target's identity
    o.clientKey = target.transport.clientKey;
  }
  o.maxVersion = tls.value("max_version", std::string());
  o.ciphers = tls.value("ciphers", std::string());
  http.tls = std::move(o);
}

}  // namespace

BuiltRequest buildRequest(const Step& step, const Target& target, const VariableScope& scope,
                          const std::filesystem::path& fixturesRoot, const FhirServices& fhir) {
  const auto lookup = makeLookup(scope);
  nlohmann::json req;
  try {
    req = substituteJson(step.request, lookup, Unknown::Throw);
  } catch (const UnknownVariable& e) {
    throw RequestError(std::string(e.what()) + " in the request of step \"" + step.name + "\"");
  }
  const auto& interaction = step.interaction;
  BuiltRequest out;
  out.traceId = scope.traceId;
  out.http.method = req.value("method", interaction.method);
  try {
    out.http.url = buildUrl(req, step, target, lookup);
  } catch (const UnknownVariable& e) {
    throw RequestError(std::string(e.what()) + " in the path of interaction \"" + interaction.name + "\"");
  }

  if (const auto tls = req.find("tls"); tls != req.end()) applyTls(*tls, target, fixturesRoot, out.http);

  Body body;
  const bool hasBody = req.contains("body");
  if (hasBody) body = buildBody(req["body"], lookup, fixturesRoot, fhir);
  out.http.body = body.text;

  auto& h = out.http.headers;
  h.push_back({"Ssp-TraceID", scope.traceId});
  h.push_back({"Ssp-From", target.consumerAsid});
  h.push_back({"Ssp-To", target.providerAsid});
  h.push_back({"Ssp-InteractionID", req.value("interaction_id", interaction.interactionId)});
  if (!req.contains("accept")) h.push_back({"Accept", fhirJsonType(interaction.fhir)});
  else if (!req["accept"].is_null()) h.push_back({"Accept", req["accept"].get<std::string>()});

  auto jwt = buildJwt(target, interaction, scope.now, req.value("jwt", nlohmann::json::object()),
                            interaction.fhir == FhirVersion::DSTU2 ? findNhsNumber(body.json) : "");
  if (jwt.token) h.push_back({"Authorization", "Bearer " + *jwt.token});
  out.jwtPayload = std::move(jwt.payloadText);

  if (hasBody) {
    const auto type = (body.xml ? fhirXmlType(interaction.fhir) : fhirJsonType(interaction.fhir)) + ";charset=utf-8";
    if (!req.contains("content_type")) h.push_back({"Content-Type", type});
    else if (!req["content_type"].is_null()) h.push_back({"Content-Type", req["content_type"].get<std::string>()});
  } else if (req.contains("content_type") && !req["content_type"].is_null()) {
    h.push_back({"Content-Type", req["content_type"].get<std::string>()});
  }

  if (req.contains("headers"))
    for (const auto& [name, value] : req["headers"].items()) {
      if (value.is_null()) removeHeader(h, name);
      else setHeader(h, name, value.get<std::string>());
    }
  if (req.contains("remove_headers"))
    for (const auto& name : req["remove_headers"]) removeHeader(h, name.get<std::string>());
  if (req.contains("add_headers"))
    for (const auto& pair : req["add_headers"]) h.push_back({pair[0].get<std::string>(), text(pair[1])});
  return out;
}

}  // namespace gpc
