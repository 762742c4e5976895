#pragma once
// The interactions table (suites/interactions.json): what a case does not have to repeat.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runner/latency/budget.h"

namespace gpc {

enum class FhirVersion { STU3, DSTU2 };

struct Interaction {
  std::string name;           // "read:patient"
  std::string interactionId;  // Ssp-InteractionID
  std::string method;         // "GET"
  std::string path;           // "/Patient/{id}", relative to the endpoint group's root
  std::string scope;          // JWT requested_scope
  std::string endpoint;       // endpoint group: foundations, structured, documents, html
  FhirVersion fhir = FhirVersion::STU3;
  std::string reasonForRequest = "directcare";
  // Which latency budget judges its exchanges (runner/latency/budget.h).
  latency::InteractionKind kind = latency::InteractionKind::Query;
};

using InteractionTable = std::map<std::string, Interaction>;

// Throws LoadError naming the file, the JSON pointer and the reason.
InteractionTable loadInteractions(const std::filesystem::path& file);

// The endpoint group no interaction names: the provider's own mutual-TLS listener, which the
// security.tls cases reach with request.endpoint "tls".
inline constexpr std::string_view kMutualTlsGroup = "tls";

// The endpoint groups a target may list and a step may name: every interaction's `endpoint`
// (sorted, once each), then kMutualTlsGroup. They come from the table alone, so a capability
// added to interactions.json brings its group with it and no list in the harness is edited.
std::vector<std::string> endpointGroups(const InteractionTable& interactions);

// Media types of a FHIR version: application/fhir+json (STU3) or application/json+fhir (DSTU2).
std::string fhirJsonType(FhirVersion v);
std::string fhirXmlType(FhirVersion v);

}  // namespace gpc
