#pragma once
// Invariants (ElementDefinition.constraint) evaluated with FHIRPath.

#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/validator.h"

namespace gpc::fhir {

void checkInvariants(const nlohmann::json& resource, const ProfileRegistry& registry, std::vector<Issue>& issues);

}  // namespace gpc::fhir
