#include "runner/target/metadata_probe.h"
#include "runner/fhir/json_access.h"

#include <chrono>
#include <stdexcept>

#include "runner/request/encoding.h"
#include "runner/request/request_builder.h"

namespace gpc {
namespace {

// What the answer says about the endpoint, judged only as far as "is this a GP Connect FHIR
// server": the suites judge the rest.
MetadataProbe judge(MetadataProbe probe, const HttpResponse& response) {
  if (response.status == 0) {
    probe.summary = "no HTTP response: " + response.transportError;
    return probe;
  }
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  const std::string type = fhir::resourceTypeOf(body);
  probe.summary = std::to_string(response.status) + " " + (type.empty() ? "(no FHIR resource)" : type);
  if (body.is_object() && body.contains("fhirVersion") && body["fhirVersion"].is_string())
    probe.summary += ", fhirVersion " + body["fhirVersion"].get<std::string>();
  probe.answered = response.status == 200 && (type == "CapabilityStatement" || type == "Conformance");
  if (!probe.answered && response.status == 200) probe.summary += " (expected a CapabilityStatement or Conformance)";
  return probe;
}

}  // namespace

Interaction metadataInteraction(const InteractionTable& table, const std::string& group) {
  const std::string tableGroup = group == "tls" ? "foundations" : group;
  for (const auto& [_, interaction] : table)
    if (interaction.endpoint == tableGroup && interaction.method == "GET" && interaction.path == "/metadata")
      return interaction;
  throw std::invalid_argument("the interactions table has no GET /metadata for the \"" + tableGroup + "\" group");
}

std::vector<MetadataProbe> probeMetadata(const Target& target, const InteractionTable& table, Transport& transport,
                                         const FhirServices& fhir, const std::filesystem::path& fixturesRoot) {
  std::vector<MetadataProbe> probes;
  for (const auto& [group, _] : target.endpoints) {
    MetadataProbe probe{group, "", false, ""};
    try {
      Step step;
      step.name = "metadata";
      step.interaction = metadataInteraction(table, group);
      if (group == "tls") step.request["endpoint"] = "tls";
      const VariableScope scope{nullptr, nullptr, &target.tree, uuidV4(), std::chrono::system_clock::now()};
      const BuiltRequest built = buildRequest(step, target, scope, fixturesRoot, fhir);
      probe.url = built.http.url;
      probes.push_back(judge(probe, transport.send(built.http)));
    } catch (const std::exception& e) {
      probe.summary = std::string("cannot build the request: ") + e.what();
      probes.push_back(probe);
    }
  }
  return probes;
}

}  // namespace gpc
