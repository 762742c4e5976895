#pragma once
// Spine Secure Proxy header rules (spec-facts §2): every Ssp-* header present once and well
// formed, Ssp-To is this provider's ASID, Ssp-InteractionID matches the endpoint.

#include <set>
#include <string>
#include <string_view>

#include "provider/server/routing.h"
#include "provider/server/message.h"
#include "provider/server/rejection.h"

namespace gpc::provider::server {

inline constexpr std::string_view kProviderAsid = "918999198738";

bool isUuid(std::string_view value);

// Checks presence and form of Ssp-TraceID, Ssp-From, Ssp-To, Ssp-InteractionID.
Check checkSspHeaders(const Request& request, const std::set<std::string>& faults);

// Checks Ssp-InteractionID against the interaction the path and method resolved to.
Check checkInteractionId(const Request& request, const InteractionRow& interaction,
                         const std::set<std::string>& faults);

}  // namespace gpc::provider::server
