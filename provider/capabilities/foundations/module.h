#pragma once
// The Foundations capability module (provider/server/capability_module.h).

#include "provider/capabilities/foundations/service_context.h"
#include "provider/server/capability_module.h"

namespace gpc::provider::foundations {

const server::CapabilityModule& foundationsModule();

// The Foundations view of a call, for modules that serve a Foundations-like interaction
// (the documents endpoint's Patient search).
ServiceContext serviceContextOf(const server::Call& call);

}  // namespace gpc::provider::foundations
