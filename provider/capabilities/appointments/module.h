#pragma once
// The Appointment Management 1.2.x capability module (provider/server/capability_module.h).
// It shares the Foundations service root and endpoint (spec-facts §1: "Foundations +
// Appointments share one segment"), so its rows are routed beside Foundations' and its
// CapabilityStatement is merged into the one /metadata serves.

#include "provider/server/capability_module.h"

namespace gpc::provider::appointments {

const server::CapabilityModule& appointmentsModule();

}  // namespace gpc::provider::appointments
