#pragma once
// $gpc.registerpatient (foundations_use_case_register_a_patient): validates the Parameters,
// applies the PDS outcomes the data pack simulates and registers a temporary patient.

#include <nlohmann/json.hpp>

#include "provider/capabilities/foundations/service_context.h"

namespace gpc::provider::foundations {

server::Response registerPatient(const ServiceContext& ctx, const nlohmann::json& parameters);

}  // namespace gpc::provider::foundations
