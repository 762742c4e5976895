#pragma once
// The official suite's assurance identities, used when a target file gives none.

#include <nlohmann/json.hpp>

namespace gpc {

nlohmann::json defaultRequestingDevice();
nlohmann::json defaultRequestingOrganization();
nlohmann::json defaultRequestingPractitioner();

}  // namespace gpc
