#include "provider/server/jwt_rules.h"

#include <map>
#include <sstream>
#include <vector>

#include "provider/server/faults.h"

namespace gpc::provider::server {
namespace {

using nlohmann::json;

Rejection bad(std::string d) { return {"BAD_REQUEST", "JWT: " + std::move(d)}; }
Rejection invalidResource(std::string d) { return {"INVALID_RESOURCE", "JWT: " + std::move(d)}; }

// Top-level elements of the claim resources (base FHIR; claims need not meet GP Connect
// profiles). An element outside these makes the claim an invalid resource.
const std::set<std::string>& knownElements(const std::string& type, bool dstu2) {
  static const std::map<std::string, std::set<std::string>> stu3 = {
      {"Device", {"identifier", "udi", "status", "type", "lotNumber", "manufacturer", "manufactureDate",
                  "expirationDate", "model", "version", "patient", "owner", "contact", "location", "url", "note",
                  "safety"}},
      {"Organization", {"identifier", "active", "type", "name", "alias", "telecom", "address", "partOf", "contact",
                        "endpoint"}},
      {"Practitioner", {"identifier", "active", "name", "telecom", "address", "gender", "birthDate", "photo",
                        "qualification", "communication"}},
  };
  static const std::map<std::string, std::set<std::string>> dstu2Types = {
      {"Device", {"identifier", "type", "note", "status", "manufacturer", "model", "version", "manufactureDate",
                  "expiry", "udi", "lotNumber", "owner", "location", "patient", "contact", "url"}},
      {"Organization", {"identifier", "active", "type", "name", "telecom", "address", "partOf", "contact"}},
      {"Practitioner", {"identifier", "active", "name", "telecom", "address", "gender", "birthDate", "photo",
                        "practitionerRole", "qualification", "communication"}},
      {"Patient", {"identifier", "active", "name", "telecom", "gender", "birthDate", "deceasedBoolean",
                   "deceasedDateTime", "address", "maritalStatus", "multipleBirthBoolean", "multipleBirthInteger",
                   "photo", "contact", "animal", "communication", "careProvider", "managingOrganization", "link"}},
  };
  return (dstu2 ? dstu2Types : stu3).at(type);
}

bool isResourceBase(const std::string& key) {
  static const std::set<std::string> base = {"resourceType", "id", "meta", "implicitRules", "language", "text",
                                             "contained", "extension", "modifierExtension"};
  return base.count(key) > 0;
}

// Claim holding a FHIR resource: null/absent/not an object => 400, wrong type or unknown
// element => 422 (official JWT.feature: invalid resourceType / extra field => 422).
Check checkClaimResource(const json& claims, const char* claim, const std::set<std::string>& types, bool dstu2) {
  if (!claims.contains(claim) || claims[claim].is_null()) return bad(std::string(claim) + " claim is missing");
  const json& r = claims[claim];
  if (!r.is_object()) return bad(std::string(claim) + " claim is not a FHIR resource (JSON object)");
  const std::string type = r.value("resourceType", "");
  if (!types.count(type))
    return invalidResource(std::string(claim) + " resourceType '" + type + "' is not a valid type for this claim");
  const auto& known = knownElements(type, dstu2);
  for (const auto& [key, value] : r.items())
    if (!isResourceBase(key) && !known.count(key))
      return invalidResource(std::string(claim) + " has unknown element '" + key + "' for " + type);
  return std::nullopt;
}

bool hasIdentifierSystem(const json& resource, std::string_view system) {
  for (const auto& id : resource.value("identifier", json::array()))
    if (id.is_object() && id.value("system", "") == system && !id.value("value", "").empty()) return true;
  return false;
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

Check checkTimes(const json& claims, const JwtRules& rules, const std::set<std::string>& faults) {
  for (const char* name : {"exp", "iat"}) {
    if (!claims.contains(name) || claims[name].is_null()) return bad(std::string(name) + " claim is missing");
    if (!claims[name].is_number_integer()) return bad(std::string(name) + " claim is not an integer (UNIX seconds)");
  }
  if (hasFault(faults, "jwt-exp-not-checked")) return std::nullopt;
  const auto exp = claims["exp"].get<std::int64_t>();
  const auto iat = claims["iat"].get<std::int64_t>();
  if (exp - iat != 300)
    return bad("exp - iat is " + std::to_string(exp - iat) + " s; it must be exactly 300 s (5 minutes)");
  // A future iat is tolerated (consumer clock skew, gpconnect issue #640); expiry is not.
  if (exp <= rules.now) return bad("token expired at " + std::to_string(exp) + " (now " + std::to_string(rules.now) + ")");
  return std::nullopt;
}

Check checkScope(const json& claims, const JwtRules& rules, const std::set<std::string>& faults) {
  if (!claims.contains("requested_scope") || !claims["requested_scope"].is_string())
    return bad("requested_scope claim is missing");
  if (hasFault(faults, "jwt-scope-not-checked")) return std::nullopt;
  const auto scope = words(claims["requested_scope"].get<std::string>());
  if (scope.empty() || scope.front() != rules.scope)
    return bad("requested_scope '" + claims["requested_scope"].get<std::string>() + "' must be '" +
               std::string(rules.scope) + "' for this interaction");
  for (std::size_t i = 1; i < scope.size(); ++i)
    if (rules.dstu2 || (scope[i] != "conf/N" && scope[i] != "conf/R"))
      return bad("requested_scope has unexpected value '" + scope[i] + "'");
  return std::nullopt;
}

Check checkStrings(const json& claims, const JwtRules& rules) {
  const bool migration = rules.reason == "migration";
  for (const char* name : {"iss", "aud", "reason_for_request"})
    if (!claims.contains(name) || !claims[name].is_string() || claims[name].get<std::string>().empty())
      return bad(std::string(name) + " claim is missing or not a non-empty string");
  // sub is the practitioner's id; migrations are system-level and may carry no practitioner.
  if (!migration && (!claims.contains("sub") || !claims["sub"].is_string() || claims["sub"].get<std::string>().empty()))
    return bad("sub claim is missing or not a non-empty string");
  const std::string reason = claims["reason_for_request"];
  if (reason != rules.reason)
    return bad("reason_for_request '" + reason + "' must be '" + std::string(rules.reason) + "' for this interaction");
  if (rules.dstu2 && claims["aud"] != kDstu2Audience)
    return bad("aud '" + claims["aud"].get<std::string>() + "' must be " + std::string(kDstu2Audience));
  return std::nullopt;
}

Check checkClaimResources(const json& claims, const JwtRules& rules) {
  const bool migration = rules.reason == "migration";
  const std::string odsSystem = rules.dstu2 ? "http://fhir.nhs.net/Id/ods-organization-code"
                                            : "https://fhir.nhs.uk/Id/ods-organization-code";
  const std::string sdsSystem = rules.dstu2 ? "http://fhir.nhs.net/sds-user-id" : "https://fhir.nhs.uk/Id/sds-user-id";
  if (auto r = checkClaimResource(claims, "requesting_device", {"Device"}, rules.dstu2)) return r;
  if (auto r = checkClaimResource(claims, "requesting_organization", {"Organization"}, rules.dstu2)) return r;
  if (!hasIdentifierSystem(claims["requesting_organization"], odsSystem))
    return bad("requesting_organization has no identifier with system " + odsSystem);
  const bool practitionerGiven = claims.contains("requesting_practitioner");
  if (!migration || practitionerGiven) {
    if (auto r = checkClaimResource(claims, "requesting_practitioner", {"Practitioner"}, rules.dstu2)) return r;
    const json& p = claims["requesting_practitioner"];
    if (!hasIdentifierSystem(p, sdsSystem)) return bad("requesting_practitioner has no identifier with system " + sdsSystem);
    if (!p.contains("name")) return bad("requesting_practitioner has no name");
    if (claims.contains("sub") && p.value("id", "") != claims["sub"])
      return bad("sub '" + claims["sub"].dump() + "' does not equal requesting_practitioner.id");
  }
  if (rules.dstu2) {
    if (auto r = checkClaimResource(claims, "requested_record", {"Patient", "Organization"}, true)) return r;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> base64UrlDecode(std::string_view in) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (in.size() % 4 == 1) return std::nullopt;  // no valid encoding has this length
  return out;
}

namespace {
Check checkJwtUnguarded(const Request& request, const JwtRules& rules, const std::set<std::string>& faults, json& claims) {
  const auto auths = request.headerValues("Authorization");
  if (auths.empty()) return bad("Authorization header is missing");
  if (auths.size() > 1) return bad("Authorization header is repeated");
  if (hasFault(faults, "jwt-not-validated")) return std::nullopt;
  const std::string& auth = auths.front();
  if (!auth.starts_with("Bearer ") || auth.size() <= 7) return bad("Authorization is not 'Bearer <token>'");
  const std::string token = auth.substr(7);
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string::npos ? std::string::npos : token.find('.', dot1 + 1);
  if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos)
    return bad("token does not have three dot-separated parts");
  if (dot2 + 1 != token.size())
    return bad("token has a signature; GP Connect tokens are unsigned and end with a '.'");
  const auto header = base64UrlDecode(std::string_view(token).substr(0, dot1));
  const auto payload = base64UrlDecode(std::string_view(token).substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header || !payload) return bad("token is not base64url encoded");
  json h, p;
  try {
    h = json::parse(*header);
    p = json::parse(*payload);
  } catch (const json::parse_error&) {
    return bad("token header or payload is not JSON");
  }
  if (!h.is_object() || h.value("alg", "") != "none") return bad("token header must have alg 'none'");
  if (!p.is_object()) return bad("token payload is not a JSON object");
  if (auto r = checkStrings(p, rules)) return r;
  if (auto r = checkTimes(p, rules, faults)) return r;
  if (auto r = checkScope(p, rules, faults)) return r;
  if (auto r = checkClaimResources(p, rules)) return r;
  claims = std::move(p);
  return std::nullopt;
}
}  // namespace

Check checkJwt(const Request& request, const JwtRules& rules, const std::set<std::string>& faults, json& claims) {
  claims = json::object();
  try {
    return checkJwtUnguarded(request, rules, faults, claims);
  } catch (const json::exception& e) {
    // A claim of the wrong JSON type (e.g. a number where a string belongs) is a malformed token.
    return bad(std::string("a claim has an invalid value (") + e.what() + ")");
  }
}

}  // namespace gpc::provider::server
