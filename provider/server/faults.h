#pragma once
// Fault switches: the names the provider honours, and the check that a requested set is valid.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "provider/reference_provider.h"

namespace gpc::provider::server {

// The faults the server pipeline honours (headers, JWT, errors, negotiation, the shared
// CapabilityStatement parts). knownFaults() is these, then each capability module's, then TLS.
const std::vector<FaultInfo>& pipelineFaults();

// Throws std::runtime_error naming the unknown fault and listing every valid name.
void checkFaultNames(const std::set<std::string>& faults);

inline bool hasFault(const std::set<std::string>& faults, std::string_view name) {
  return faults.count(std::string(name)) > 0;
}

}  // namespace gpc::provider::server
