#include "runner/target/target.h"
#include "runner/fhir/json_access.h"

#include <stdexcept>

#include "runner/core/json_input.h"
#include "runner/target/claim_defaults.h"
#include "runner/target/url.h"

namespace gpc {

namespace ji = json_input;

namespace {

// Keys starting with '_' are comments (JSON has none); every other unknown key is an error.
nlohmann::json withoutComments(const nlohmann::json& v) {
  if (v.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, child] : v.items())
      if (k.empty() || k[0] != '_') out[k] = withoutComments(child);
    return out;
  }
  if (v.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& child : v) out.push_back(withoutComments(child));
    return out;
  }
  return v;
}

struct Reader {
  const std::string& file;
  std::filesystem::path baseDir;

  std::string url(const nlohmann::json& v, const std::string& ptr) const {
    ji::expect(v, ji::Kind::String, file, ptr);
    auto text = v.get<std::string>();
    if (!splitUrl(text)) throw LoadError(file, ptr, "expected an absolute URL (scheme://host/...), got \"" + text + "\"");
    while (!text.empty() && text.back() == '/') text.pop_back();
    return text;
  }

  std::string path(const nlohmann::json& obj, std::string_view key, const std::string& ptr) const {
    auto text = ji::optionalString(obj, key, file, ptr);
    if (text.empty()) return text;
    std::filesystem::path p(text);
    return (p.is_absolute() ? p : baseDir / p).lexically_normal().string();
  }

  // A map of named entries (patients, organisations...) each an object with the given keys.
  void namedEntries(const nlohmann::json& doc, std::string_view key, std::initializer_list<std::string_view> keys,
                    std::string_view requiredKey, bool requiredSection) const {
    const auto* section = requiredSection ? &ji::required(doc, key, ji::Kind::Object, file, "")
                                          : ji::optional(doc, key, ji::Kind::Object, file, "");
    if (!section) return;
    const auto sptr = ji::child("", key);
    for (const auto& [name, entry] : section->items()) {
      const auto eptr = ji::child(sptr, name);
      ji::expect(entry, ji::Kind::Object, file, eptr);
      ji::checkKeys(entry, file, eptr, keys);
      if (!requiredKey.empty()) ji::required(entry, requiredKey, ji::Kind::String, file, eptr);
      for (const auto& [k, v] : entry.items()) {
        if (k == "roles") {
          ji::expect(v, ji::Kind::Array, file, ji::child(eptr, k));
          for (std::size_t i = 0; i < v.size(); ++i) ji::expect(v[i], ji::Kind::String, file, ji::child(ji::child(eptr, k), i));
        } else if (k == "roleProfiles") {
          ji::expect(v, ji::Kind::Integer, file, ji::child(eptr, k));
        } else {
          ji::expect(v, ji::Kind::String, file, ji::child(eptr, k));
        }
      }
    }
  }
};

nlohmann::json claimResource(const nlohmann::json& jwt, std::string_view key, const std::string& expectedType,
                             const std::string& file, nlohmann::json fallback) {
  const auto* v = ji::optional(jwt, key, ji::Kind::Object, file, "/jwt");
  if (!v) return fallback;
  auto type = fhir::resourceTypeOf(*v);
  if (type != expectedType)
    throw LoadError(file, ji::child(ji::child("/jwt", key), "resourceType"),
                    "expected \"" + expectedType + "\", got \"" + type + "\"");
  return *v;
}

}  // namespace

std::string Target::audFor(const std::string& group) const {
  if (auto it = jwtAud.find(group); it != jwtAud.end()) return it->second;
  if (auto it = endpoints.find(group); it != endpoints.end()) return it->second;
  return "";
}

namespace {

// Each section of the file has one reader: it checks the section's keys and types (errors
// naming file and JSON pointer), fills its part of the Target and writes defaults back into
// `doc` where variables ({jwt.requesting_device}, {endpoints.x}) read them.

void readEndpoints(nlohmann::json& doc, const Reader& r, Target& t) {
  const std::string& file = r.file;
  const auto& endpoints = ji::required(doc, "endpoints", ji::Kind::Object, file, "");
  // Which groups exist is the interactions table's to say: checkEndpointGroups (endpoint_groups.h).
  if (endpoints.empty()) throw LoadError(file, "/endpoints", "at least one endpoint group is needed");
  for (const auto& [group, url] : endpoints.items()) t.endpoints[group] = r.url(url, ji::child("/endpoints", group));
  for (const auto& [group, url] : t.endpoints) doc["endpoints"][group] = url;
  if (auto it = t.endpoints.find("tls"); it != t.endpoints.end() && it->second.rfind("https://", 0) != 0)
    throw LoadError(file, "/endpoints/tls", "the tls endpoint is the provider's TLS listener: expected an https:// URL");
  if (const auto* p = ji::optional(doc, "ssp_prefix", ji::Kind::String, file, ""); p && !p->get<std::string>().empty())
    t.sspPrefix = r.url(*p, "/ssp_prefix");
}

// asid and practice: who is talking to whom.
void readParties(const nlohmann::json& doc, const std::string& file, Target& t) {
  const auto& asid = ji::required(doc, "asid", ji::Kind::Object, file, "");
  ji::checkKeys(asid, file, "/asid", {"consumer", "provider"});
  t.consumerAsid = ji::required(asid, "consumer", ji::Kind::String, file, "/asid").get<std::string>();
  t.providerAsid = ji::required(asid, "provider", ji::Kind::String, file, "/asid").get<std::string>();

  const auto& practice = ji::required(doc, "practice", ji::Kind::Object, file, "");
  ji::checkKeys(practice, file, "/practice", {"ods", "name"});
  t.practiceOds = ji::required(practice, "ods", ji::Kind::String, file, "/practice").get<std::string>();
  ji::optional(practice, "name", ji::Kind::String, file, "/practice");
}

void readAudience(const nlohmann::json& jwt, const std::string& file, Target& t) {
  auto it = jwt.find("aud");
  if (it == jwt.end()) return;
  if (it->is_string()) {
    for (const auto& [g, _] : t.endpoints) t.jwtAud[g] = it->get<std::string>();
  } else if (it->is_object()) {
    for (const auto& [g, v] : it->items()) {
      ji::expect(v, ji::Kind::String, file, ji::child("/jwt/aud", g));
      t.jwtAud[g] = v.get<std::string>();
    }
  } else {
    throw LoadError(file, "/jwt/aud", "expected a string or an object of endpoint group -> aud, got " +
                                          ji::describeType(*it));
  }
}

void readJwt(nlohmann::json& doc, const std::string& file, Target& t) {
  const auto& jwt = ji::required(doc, "jwt", ji::Kind::Object, file, "");
  ji::checkKeys(jwt, file, "/jwt",
                {"iss", "aud", "requesting_device", "requesting_organization", "requesting_practitioner"});
  t.jwtIss = ji::required(jwt, "iss", ji::Kind::String, file, "/jwt").get<std::string>();
  readAudience(jwt, file, t);
  t.requestingDevice = claimResource(jwt, "requesting_device", "Device", file, defaultRequestingDevice());
  t.requestingOrganization =
      claimResource(jwt, "requesting_organization", "Organization", file, defaultRequestingOrganization());
  t.requestingPractitioner =
      claimResource(jwt, "requesting_practitioner", "Practitioner", file, defaultRequestingPractitioner());
  if (!t.requestingPractitioner.contains("id"))
    throw LoadError(file, "/jwt/requesting_practitioner",
                    "missing required field \"id\" (the JWT sub claim is the practitioner's id)");
  doc["jwt"]["requesting_device"] = t.requestingDevice;
  doc["jwt"]["requesting_organization"] = t.requestingOrganization;
  doc["jwt"]["requesting_practitioner"] = t.requestingPractitioner;
}

void readHttp(const nlohmann::json& doc, const std::string& file, Target& t) {
  const auto* http = ji::optional(doc, "http", ji::Kind::Object, file, "");
  if (!http) return;
  ji::checkKeys(*http, file, "/http", {"proxy", "connect_timeout_seconds", "timeout_seconds", "max_response_bytes"});
  t.transport.proxy = ji::optionalString(*http, "proxy", file, "/http");
  if (const auto* v = ji::optional(*http, "connect_timeout_seconds", ji::Kind::Number, file, "/http"))
    t.transport.connectTimeoutSeconds = v->get<double>();
  if (const auto* v = ji::optional(*http, "timeout_seconds", ji::Kind::Number, file, "/http"))
    t.transport.timeoutSeconds = v->get<double>();
  if (const auto* v = ji::optional(*http, "max_response_bytes", ji::Kind::Integer, file, "/http")) {
    if (v->get<std::int64_t>() <= 0) throw LoadError(file, "/http/max_response_bytes", "expected a positive integer");
    t.transport.maxResponseBytes = v->get<std::uint64_t>();
  }
  if (t.transport.connectTimeoutSeconds <= 0 || t.transport.timeoutSeconds <= 0)
    throw LoadError(file, "/http", "timeouts must be positive");
}

// tls.identities: the deliberately bad client identities the security.tls cases present.
void readTlsIdentities(const nlohmann::json& tls, const Reader& r, Target& t) {
  const std::string& file = r.file;
  const auto* ids = ji::optional(tls, "identities", ji::Kind::Object, file, "/tls");
  if (!ids) return;
  for (const auto& [name, entry] : ids->items()) {
    const auto ptr = ji::child("/tls/identities", name);
    ji::expect(entry, ji::Kind::Object, file, ptr);
    ji::checkKeys(entry, file, ptr, {"client_cert", "client_key", "note"});
    ji::required(entry, "client_cert", ji::Kind::String, file, ptr);
    ji::required(entry, "client_key", ji::Kind::String, file, ptr);
    ji::optional(entry, "note", ji::Kind::String, file, ptr);
    TlsOverride id;
    id.identity = name;
    id.clientCert = r.path(entry, "client_cert", ptr);
    id.clientKey = r.path(entry, "client_key", ptr);
    t.tlsIdentities[name] = id;
  }
}

void readTls(const nlohmann::json& doc, const Reader& r, Target& t) {
  const std::string& file = r.file;
  const auto* tls = ji::optional(doc, "tls", ji::Kind::Object, file, "");
  if (!tls) return;
  ji::checkKeys(*tls, file, "/tls", {"verify", "ca_bundle", "client_cert", "client_key", "client_key_password", "identities"});
  if (const auto* v = ji::optional(*tls, "verify", ji::Kind::Boolean, file, "/tls")) t.transport.verifyPeer = v->get<bool>();
  t.transport.caBundle = r.path(*tls, "ca_bundle", "/tls");
  t.transport.clientCert = r.path(*tls, "client_cert", "/tls");
  t.transport.clientKey = r.path(*tls, "client_key", "/tls");
  t.transport.clientKeyPassword = ji::optionalString(*tls, "client_key_password", file, "/tls");
  if (t.transport.clientCert.empty() != t.transport.clientKey.empty())
    throw LoadError(file, "/tls", "client_cert and client_key go together (mutual TLS needs both)");
  readTlsIdentities(*tls, r, t);
}

Target parseTargetDocument(const std::string& text, const std::string& file, const std::filesystem::path& baseDir) {
  auto doc = withoutComments(ji::parse(text, file));
  ji::expect(doc, ji::Kind::Object, file, "");
  ji::checkKeys(doc, file, "",
                {"name", "endpoints", "ssp_prefix", "asid", "practice", "jwt", "patients", "organisations",
                 "practitioners", "locations", "http", "tls"});
  const Reader r{file, baseDir};
  Target t;
  t.file = file;
  t.name = ji::required(doc, "name", ji::Kind::String, file, "").get<std::string>();
  readEndpoints(doc, r, t);
  readParties(doc, file, t);
  readJwt(doc, file, t);
  r.namedEntries(doc, "patients", {"nhsNumber", "id", "roles", "note"}, "nhsNumber", true);
  r.namedEntries(doc, "organisations", {"ods", "id", "name", "note"}, "ods", false);
  r.namedEntries(doc, "practitioners", {"sdsUserId", "id", "roleProfiles", "note"}, "sdsUserId", false);
  r.namedEntries(doc, "locations", {"siteCode", "id", "name", "note"}, "", false);
  readHttp(doc, file, t);
  readTls(doc, r, t);
  t.tree = std::move(doc);
  return t;
}

}  // namespace

Target parseTarget(const std::string& text, const std::string& displayName, const std::filesystem::path& baseDir) {
  return ji::namingFile(displayName, [&] { return parseTargetDocument(text, displayName, baseDir); });
}

Target loadTarget(const std::filesystem::path& file) {
  return parseTarget(ji::readFile(file.string(), file.string()), file.string(), file.parent_path());
}

void applyBaseUrl(Target& target, std::string_view url) {
  auto base = splitUrl(url);
  if (!base) throw std::invalid_argument("--base-url: expected scheme://host[:port], got \"" + std::string(url) + "\"");
  // The tls endpoint is a listener of its own (another port, TLS only): a base URL cannot say
  // where it went, so it is dropped and the cases that need it are skipped, not misdirected.
  target.endpoints.erase("tls");
  if (target.tree.contains("endpoints")) target.tree["endpoints"].erase("tls");
  for (auto& [group, endpoint] : target.endpoints) {
    auto parts = splitUrl(endpoint);
    endpoint = base->origin + (parts ? parts->rest : std::string());
    target.tree["endpoints"][group] = endpoint;
  }
}

}  // namespace gpc
