#pragma once
// The Access Document capability module (provider/server/capability_module.h).

#include "provider/server/capability_module.h"

namespace gpc::provider::documents {

const server::CapabilityModule& documentsModule();

}  // namespace gpc::provider::documents
