#pragma once
// Foundations Patient read and search (foundations_use_case_read_a_patient / find_a_patient).

#include <string_view>

#include <nlohmann/json.hpp>

#include "provider/foundations/service_context.h"

namespace gpc::provider::foundations {

// The Patient as the provider shows it: the fields find/read SHALL NOT populate removed, and
// the Patient-related faults applied.
nlohmann::json patientView(const ServiceContext& ctx, const nlohmann::json& patient);

core::Response readPatient(const ServiceContext& ctx, std::string_view id);
core::Response searchPatients(const ServiceContext& ctx, const core::Request& request);

}  // namespace gpc::provider::foundations
