#pragma once
// The unsigned GP Connect JWT (spec-facts §3): {"alg":"none","typ":"JWT"}, base64url without
// padding, empty signature with the trailing dot. STU3 (1.6.x) and DSTU2 (HTML 0.7.x) shapes.

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "runner/suite/interactions.h"
#include "runner/target/target.h"

namespace gpc {

struct Jwt {
  std::optional<std::string> token;  // nullopt: send no Authorization header (`none`)
  nlohmann::json header;             // as sent (null for a raw token)
  nlohmann::json payload;            // decoded claims, for evidence (null for a raw token)
  std::string payloadText;           // the claims as encoded in the token ("" for a raw token)
};

// Claims before edits. `nhsNumber` fills the DSTU2 requested_record (Patient); empty gives an
// Organization with the practice ODS code, as the official 0.7.x suite does.
nlohmann::json defaultClaims(const Target& target, const Interaction& interaction,
                             std::chrono::system_clock::time_point now, const std::string& nhsNumber);

// Applies the edits of docs/suite-format.md "JWT edits" (already variable-substituted) and encodes.
Jwt buildJwt(const Target& target, const Interaction& interaction, std::chrono::system_clock::time_point now,
             const nlohmann::json& edits, const std::string& nhsNumber);

// The DSTU2 form of a claim resource written in STU3 form (systems, name, practitionerRole).
nlohmann::json toDstu2Claim(const nlohmann::json& resource);

}  // namespace gpc
