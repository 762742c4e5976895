#pragma once
// The GP Connect bearer token rules (spec-facts §3; the official JWT.feature expectations):
// unsigned JWT with a trailing dot, every claim present, exp = iat + 300 s exactly, not
// expired (a future iat is accepted), requested_scope per interaction, reason_for_request
// per interaction, claim resources of the right type (422 INVALID_RESOURCE otherwise).
// The 0.7.x HTML variant adds requested_record, a fixed aud and DSTU2 identifier systems.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "provider/server/message.h"
#include "provider/server/rejection.h"

namespace gpc::provider::server {

struct JwtRules {
  std::string_view scope;          // required requested_scope, e.g. "patient/*.read"
  std::string_view reason = "directcare";  // required reason_for_request
  bool dstu2 = false;              // Access Record HTML 0.7.x token
  std::int64_t now = 0;            // UNIX seconds
};

inline constexpr std::string_view kDstu2Audience = "https://authorize.fhir.nhs.net/token";

// Decodes base64url (no padding required); nullopt on any character outside the alphabet.
std::optional<std::string> base64UrlDecode(std::string_view in);

// Checks the Authorization header; on success stores the decoded claims in `claims`.
Check checkJwt(const Request& request, const JwtRules& rules, const std::set<std::string>& faults,
               nlohmann::json& claims);

}  // namespace gpc::provider::server
