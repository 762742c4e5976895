#pragma once
// The CapabilityStatements of each endpoint (Foundations, Structured, Documents: STU3 3.0.1,
// GP Connect 1.6.2) and the DSTU2 Conformance of Access Record HTML 0.7.4.

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "provider/core/interactions.h"

namespace gpc::provider::foundations {

// Faults honoured: capability-no-xml-format, capability-wrong-fhir-version.
nlohmann::json capabilityStatement(core::Endpoint endpoint, const std::set<std::string>& faults);

}  // namespace gpc::provider::foundations
