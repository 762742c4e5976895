#pragma once
// `target check`'s probe (docs/cli.md): one GP Connect metadata read per endpoint group, sent
// exactly as a case would send it (Ssp-* headers, the JWT, ssp_prefix), so a target file that
// passes is one a run can use.

#include <filesystem>
#include <string>
#include <vector>

#include "runner/checks/fhir_services.h"
#include "runner/http/transport.h"
#include "runner/suite/interactions.h"
#include "runner/target/target.h"

namespace gpc {

struct MetadataProbe {
  std::string group;
  std::string url;      // as sent ("" when the request could not be built)
  bool answered = false;  // HTTP 200 with a CapabilityStatement (STU3) or Conformance (DSTU2)
  std::string summary;  // "200 CapabilityStatement, fhirVersion 3.0.1", or what went wrong
};

// The metadata read of `group` from the table (its GET /metadata interaction; the tls group is
// the foundations service root on the provider's TLS listener, so it uses foundations').
// Throws std::invalid_argument when the table has none for the group.
Interaction metadataInteraction(const InteractionTable& table, const std::string& group);

// Probes every endpoint of the target, in group order. Never throws for what a provider does.
std::vector<MetadataProbe> probeMetadata(const Target& target, const InteractionTable& table, Transport& transport,
                                         const FhirServices& fhir, const std::filesystem::path& fixturesRoot);

}  // namespace gpc
