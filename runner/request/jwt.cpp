#include "runner/request/jwt.h"
#include "runner/fhir/json_access.h"

#include "runner/request/encoding.h"

namespace gpc {
namespace {

std::int64_t seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string dstu2System(const std::string& system) {
  if (system == "https://fhir.nhs.uk/Id/sds-user-id") return "http://fhir.nhs.net/sds-user-id";  // the spec's historic form
  if (system == "https://fhir.nhs.uk/Id/sds-role-profile-id") return "http://fhir.nhs.net/Id/sds-role-profile-id";
  if (system == "https://fhir.nhs.uk/Id/ods-organization-code") return "http://fhir.nhs.net/Id/ods-organization-code";
  if (system == "https://fhir.nhs.uk/Id/nhs-number") return "http://fhir.nhs.net/Id/nhs-number";
  return system;
}

}  // namespace

nlohmann::json toDstu2Claim(const nlohmann::json& resource) {
  nlohmann::json out = resource;
  if (out.contains("identifier") && out["identifier"].is_array())
    for (auto& id : out["identifier"])
      if (id.contains("system") && id["system"].is_string()) id["system"] = dstu2System(id["system"].get<std::string>());
  if (fhir::resourceTypeOf(out) == "Practitioner") {
    // DSTU2 Practitioner.name is one HumanName whose family is a list.
    if (out.contains("name") && out["name"].is_array() && !out["name"].empty()) {
      auto name = out["name"][0];
      if (name.contains("family") && name["family"].is_string()) name["family"] = nlohmann::json::array({name["family"]});
      out["name"] = name;
    }
    if (!out.contains("practitionerRole"))
      out["practitionerRole"] = {{{"role",
                                   {{"coding",
                                     {{{"system", "http://fhir.nhs.net/ValueSet/sds-job-role-name-1"},
                                       {"code", "AssuranceJobRole"}}}}}}}};
  }
  return out;
}

nlohmann::json defaultClaims(const Target& target, const Interaction& interaction,
                             std::chrono::system_clock::time_point now, const std::string& nhsNumber) {
  const bool dstu2 = interaction.fhir == FhirVersion::DSTU2;
  const auto iat = seconds(now);
  nlohmann::json claims;
  claims["iss"] = target.jwtIss;
  claims["sub"] = target.requestingPractitioner.contains("id") ? target.requestingPractitioner["id"] : nlohmann::json("1");
  claims["aud"] = dstu2 && !target.jwtAud.count(interaction.endpoint) ? "https://authorize.fhir.nhs.net/token"
                                                                       : target.audFor(interaction.endpoint);
  claims["exp"] = iat + 300;
  claims["iat"] = iat;
  claims["reason_for_request"] = interaction.reasonForRequest;
  claims["requested_scope"] = interaction.scope;
  claims["requesting_device"] = dstu2 ? toDstu2Claim(target.requestingDevice) : target.requestingDevice;
  claims["requesting_organization"] = dstu2 ? toDstu2Claim(target.requestingOrganization) : target.requestingOrganization;
  claims["requesting_practitioner"] = dstu2 ? toDstu2Claim(target.requestingPractitioner) : target.requestingPractitioner;
  if (dstu2) {
    if (!nhsNumber.empty())
      claims["requested_record"] = {{"resourceType", "Patient"},
                                    {"identifier", {{{"system", "http://fhir.nhs.net/Id/nhs-number"}, {"value", nhsNumber}}}}};
    else
      claims["requested_record"] = {
          {"resourceType", "Organization"},
          {"identifier", {{{"system", "http://fhir.nhs.net/Id/ods-organization-code"}, {"value", target.practiceOds}}}}};
  }
  return claims;
}

Jwt buildJwt(const Target& target, const Interaction& interaction, std::chrono::system_clock::time_point now,
             const nlohmann::json& editsIn, const std::string& nhsNumber) {
  static const nlohmann::json kNoEdits = nlohmann::json::object();
  const auto& edits = editsIn.is_object() ? editsIn : kNoEdits;
  Jwt jwt;
  if (edits.value("none", false)) return jwt;
  if (edits.contains("raw")) {
    jwt.token = edits["raw"].get<std::string>();
    return jwt;
  }
  auto claims = defaultClaims(target, interaction, now, nhsNumber);
  const auto iat = seconds(now) + edits.value("iat_offset", std::int64_t{0});
  claims["iat"] = iat;
  claims["exp"] = iat + edits.value("exp_offset", std::int64_t{300});
  if (edits.contains("scope")) claims["requested_scope"] = edits["scope"];
  if (edits.contains("set"))
    for (const auto& [k, v] : edits["set"].items()) claims[k] = v;
  if (edits.contains("remove"))
    for (const auto& k : edits["remove"]) claims.erase(k.get<std::string>());

  jwt.header = edits.contains("header") ? edits["header"] : nlohmann::json{{"alg", "none"}, {"typ", "JWT"}};
  const auto encoding = edits.value("encoding", std::string("base64url"));
  const auto h = jwt.header.dump(), p = claims.dump();
  jwt.payload = std::move(claims);
  jwt.payloadText = p;
  std::string token;
  if (encoding == "plain") token = h + "." + p;
  else if (encoding == "base64") token = base64Encode(h) + "." + base64Encode(p);
  else token = base64UrlEncode(h) + "." + base64UrlEncode(p);
  if (edits.value("trailing_dot", true)) token += ".";
  jwt.token = token;
  return jwt;
}

}  // namespace gpc
