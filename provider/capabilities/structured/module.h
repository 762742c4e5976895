#pragma once
// The Access Record Structured capability module (provider/server/capability_module.h).

#include "provider/server/capability_module.h"

namespace gpc::provider::structured {

const server::CapabilityModule& structuredModule();

}  // namespace gpc::provider::structured
