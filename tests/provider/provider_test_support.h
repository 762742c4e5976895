#pragma once
// Helpers for the provider-core tests: well-formed GP Connect requests (Ssp-* headers and an
// unsigned JWT) against a provider started on a free loopback port.

#include <httplib.h>

#include <chrono>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace gpc::provider::testing {

inline const std::string kRoot = "/B82617/STU3/1/gpconnect";
inline const std::string kNs = "urn:nhs:names:services:gpconnect:";

inline std::string base64Url(const std::string& in) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(alphabet[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

inline long long nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The claims of a valid STU3 token for `scope` (spec-facts §3).
inline nlohmann::json claims(const std::string& scope, const std::string& reason = "directcare") {
  const long long iat = nowSeconds() - 2;
  return {{"iss", "https://consumer.example.nhs.uk"},
          {"sub", "1"},
          {"aud", "https://provider.example.nhs.uk/B82617/STU3/1"},
          {"exp", iat + 300},
          {"iat", iat},
          {"reason_for_request", reason},
          {"requested_scope", scope},
          {"requesting_device",
           {{"resourceType", "Device"},
            {"identifier", {{{"system", "GPConnectTestSystem"}, {"value", "Client"}}}},
            {"model", "v1"},
            {"version", "1.1"}}},
          {"requesting_organization",
           {{"resourceType", "Organization"},
            {"name", "GP Connect Assurance"},
            {"identifier", {{{"system", "https://fhir.nhs.uk/Id/ods-organization-code"}, {"value", "GPCA0001"}}}}}},
          {"requesting_practitioner",
           {{"resourceType", "Practitioner"},
            {"id", "1"},
            {"name", {{{"family", "AssurancePractitioner"}, {"given", {"AssuranceTest"}}, {"prefix", {"Mr"}}}}},
            {"identifier", {{{"system", "https://fhir.nhs.uk/Id/sds-user-id"}, {"value", "GCASDS0001"}},
                            {{"system", "https://fhir.nhs.uk/Id/sds-role-profile-id"}, {"value", "112233445566"}}}}}}};
}

inline std::string token(const nlohmann::json& payload) {
  return base64Url(R"({"alg":"none","typ":"JWT"})") + "." + base64Url(payload.dump()) + ".";
}

struct Call {
  Call(std::string m, std::string p, std::string i, std::string s = "organization/*.read")
      : method(std::move(m)), path(std::move(p)), interaction(std::move(i)), scope(std::move(s)) {}
  std::string method;
  std::string path;  // absolute path incl. query
  std::string interaction;
  std::string scope;
  nlohmann::json jwt;  // null: claims(scope)
  std::string body;
  std::map<std::string, std::string> headers;  // extra/override; value "<remove>" removes
};

inline httplib::Headers headersFor(const Call& c) {
  std::map<std::string, std::string> h = {
      {"Ssp-TraceID", "5b2a4f3e-9c1d-4e8f-a7b6-0123456789ab"},
      {"Ssp-From", "200000000359"},
      {"Ssp-To", "918999198738"},
      {"Ssp-InteractionID", c.interaction},
      {"Authorization", "Bearer " + token(c.jwt.is_null() ? claims(c.scope) : c.jwt)},
      {"Accept", "application/fhir+json"}};
  for (const auto& [k, v] : c.headers) {
    if (v == "<remove>") h.erase(k);
    else h[k] = v;
  }
  httplib::Headers out;
  for (const auto& [k, v] : h) out.emplace(k, v);
  return out;
}

template <class HttpClient>  // httplib::Client or httplib::SSLClient
httplib::Result send(HttpClient& client, const Call& c) {
  const auto headers = headersFor(c);
  if (c.method == "GET") return client.Get(c.path, headers);
  if (c.method == "POST") return client.Post(c.path, headers, c.body, "application/fhir+json");
  if (c.method == "PUT") return client.Put(c.path, headers, c.body, "application/fhir+json");
  if (c.method == "DELETE") return client.Delete(c.path, headers);
  if (c.method == "PATCH") return client.Patch(c.path, headers, c.body, "application/fhir+json");
  return client.Options(c.path, headers);
}

inline Call metadataCall() { return {"GET", kRoot + "/metadata", kNs + "fhir:rest:read:metadata-1"}; }

inline Call patientSearch(const std::string& nhs) {
  return {"GET", kRoot + "/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C" + nhs,
          kNs + "fhir:rest:search:patient-1", "patient/*.read"};
}

inline Call patientRead(const std::string& id) {
  return {"GET", kRoot + "/Patient/" + id, kNs + "fhir:rest:read:patient-1", "patient/*.read"};
}

// The Spine code of an OperationOutcome body, or "" when the body is not one.
inline std::string spineCode(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || j.value("resourceType", "") != "OperationOutcome") return "";
  return j.value("/issue/0/details/coding/0/code"_json_pointer, std::string());
}

}  // namespace gpc::provider::testing
