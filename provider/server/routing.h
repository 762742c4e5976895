#pragma once
// Routing over the capability modules' interaction rows: which module's service root a path is
// under, which interaction its method and path name, and which Ssp-InteractionID addressed it.

#include <string>
#include <string_view>
#include <vector>

#include "provider/server/capability_module.h"

namespace gpc::provider::server {

struct RouteMatch {
  const CapabilityModule* module = nullptr;      // null: the path is under no service root
  std::string serviceRoot;                       // e.g. "/B82617/STU3/1/gpconnect/structured"
  const InteractionRow* interaction = nullptr;   // null: no interaction at this path and method
  bool wrongMethod = false;                      // the path is known, the method is not
  std::vector<std::string> ids;                  // values matched by {id}
};

// Resolves `path` (case-sensitive, as the spec requires) under the service roots of the
// practice `odsCode`, longest root first (structured and documents live under Foundations').
RouteMatch resolveRoute(std::string_view method, std::string_view path, std::string_view odsCode);

// Any module's interaction id, for an "interaction id for another endpoint" check.
bool isKnownInteractionId(std::string_view id);

// The row's interaction id equal to `sspInteractionId`, else the row's first.
const InteractionId& interactionIdOf(const InteractionRow& row, std::string_view sspInteractionId);

}  // namespace gpc::provider::server
