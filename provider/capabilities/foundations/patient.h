#pragma once
// Foundations Patient read and search (foundations_use_case_read_a_patient / find_a_patient).

#include <string_view>

#include <nlohmann/json.hpp>

#include "provider/capabilities/foundations/service_context.h"

namespace gpc::provider::foundations {

// The Patient as the provider shows it: the fields find/read SHALL NOT populate removed, and
// the Patient-related faults applied.
nlohmann::json patientView(const ServiceContext& ctx, const nlohmann::json& patient);

server::Response readPatient(const ServiceContext& ctx, std::string_view id);
// `documents`: the Access Document variant, whose parameter errors are all INVALID_PARAMETER
// (access_documents_use_case_find_a_patient) where Foundations distinguishes them.
server::Response searchPatients(const ServiceContext& ctx, const server::Request& request, bool documents = false);

}  // namespace gpc::provider::foundations
