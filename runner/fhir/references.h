#pragma once
// Reference resolution: inside a Bundle every reference must name an entry (by fullUrl, or by
// Type/id); inside a resource every "#id" must name a contained resource.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/validator.h"

namespace gpc::fhir {

void checkBundleReferences(const nlohmann::json& bundle, const std::string& path, std::vector<Issue>& issues);
void checkContainedReferences(const nlohmann::json& resource, const std::string& path, std::vector<Issue>& issues);

}  // namespace gpc::fhir
