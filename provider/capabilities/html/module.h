#pragma once
// The Access Record HTML capability module (provider/server/capability_module.h).

#include "provider/server/capability_module.h"

namespace gpc::provider::html {

const server::CapabilityModule& htmlModule();

}  // namespace gpc::provider::html
