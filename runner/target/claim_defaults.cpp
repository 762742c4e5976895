#include "runner/target/claim_defaults.h"

namespace gpc {

nlohmann::json defaultRequestingDevice() {
  return {{"resourceType", "Device"},
          {"identifier", {{{"system", "GPConnectTestSystem"}, {"value", "Client"}}}},
          {"model", "v1"},
          {"version", "1.1"}};
}

nlohmann::json defaultRequestingOrganization() {
  return {{"resourceType", "Organization"},
          {"name", "GP Connect Assurance"},
          {"identifier", {{{"system", "https://fhir.nhs.uk/Id/ods-organization-code"}, {"value", "GPCA0001"}}}}};
}

nlohmann::json defaultRequestingPractitioner() {
  return {{"resourceType", "Practitioner"},
          {"id", "1"},
          {"name", {{{"family", "AssurancePractitioner"}, {"given", {"AssuranceTest"}}, {"prefix", {"Mr"}}}}},
          {"identifier",
           {{{"system", "https://fhir.nhs.uk/Id/sds-user-id"}, {"value", "GCASDS0001"}},
            {{"system", "https://fhir.nhs.uk/Id/sds-role-profile-id"}, {"value", "112233445566"}},
            {{"system", "https://consumersupplier.com/Id/user-guid"}, {"value", "98ed4f78-814d-4266-8d5b-cde742f3093c"}}}}};
}

}  // namespace gpc
