#pragma once
// Shape checks for a step's `request` and `expect` objects (docs/suite-format.md), so a bad
// suite fails at load time with the place, never half way through a run.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc {

// `endpointGroups`: what request.endpoint may name (endpointGroups() of the interactions table).
void validateRequest(const nlohmann::json& request, const std::string& file, const std::string& pointer,
                     const std::vector<std::string>& endpointGroups);
// `expect`: only the keys of the expectation kinds table, each value of its kind's shape
// (runner/checks/expectation_kinds.h).
void validateExpect(const nlohmann::json& expect, const std::string& file, const std::string& pointer);

}  // namespace gpc
