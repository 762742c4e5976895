#include "runner/fhir/invariants.h"

namespace gpc::fhir {

void checkInvariants(const nlohmann::json& resource, const ProfileRegistry& registry, std::vector<Issue>& issues) {
  (void)registry;
  // Not yet wired to the FHIRPath engine: say so rather than pass silently.
  issues.push_back({"information", "informational", resource.value("resourceType", std::string("Resource")),
                    "invariants (constraint expressions) were not evaluated", {}, {}});
}

}  // namespace gpc::fhir
