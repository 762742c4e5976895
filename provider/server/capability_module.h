#pragma once
// One GP Connect capability as the server pipeline sees it: its endpoint, the interactions it
// serves (route, Spine interaction ids, JWT scope, handler), its CapabilityStatement and its
// fault switches. The pipeline (dispatcher.cpp), routing (routing.cpp) and the fault registry
// (faults.cpp) read nothing capability-specific but these rows, so adding a capability is one
// folder under provider/capabilities/ and one line in provider/capabilities/modules.cpp.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider/server/capability_data.h"
#include "provider/server/message.h"
#include "provider/server/negotiation.h"
#include "provider/reference_provider.h"

namespace gpc::provider::server {

// An Ssp-InteractionID that may address an interaction, with the reason_for_request its JWT
// must carry (Binary retrieve and migrate share one route but not the reason).
struct InteractionId {
  std::string_view id;
  std::string_view reasonForRequest = "directcare";
};

struct CapabilityModule;

// What a handler gets: the request after every cross-cutting rule has passed.
struct Call {
  const Request& request;
  const CapabilityModule& module;
  const InteractionId& interaction;       // the id the request used (the row's first if none matched)
  const std::vector<std::string>& ids;    // values matched by {id} in the route
  const nlohmann::json& body;             // the parsed POST body (null for GET)
  const nlohmann::json& claims;           // the decoded JWT claims
  std::string baseUrl;                    // absolute service root, e.g. "http://127.0.0.1:5000/B82617/STU3/1/gpconnect"
  std::string today;                      // yyyy-mm-dd
  const std::set<std::string>& faults;
  CapabilityData& data;
  std::int64_t now = 0;                   // UNIX seconds the request arrived (0: not known)

  bool dstu2() const;
};

using Handler = Response (*)(const Call& call);

struct InteractionRow {
  std::string_view method;
  std::string_view path;   // relative to the service root; "{id}" matches one logical id
  std::string_view scope;  // requested_scope the JWT must carry
  std::vector<InteractionId> ids;
  Handler handler;
};

struct CapabilityModule {
  std::string_view endpoint;     // its endpoint group in suites/interactions.json, e.g. "structured"
  std::string_view serviceRoot;  // below /{ODS}/, e.g. "STU3/1/gpconnect/structured"
  FhirGeneration generation = FhirGeneration::Stu3;
  std::vector<InteractionRow> interactions;
  nlohmann::json (*capabilityStatement)(const std::set<std::string>& faults) = nullptr;
  const std::vector<FaultInfo>& (*faults)() = nullptr;  // the switches its handlers honour
};

inline bool Call::dstu2() const { return module.generation == FhirGeneration::Dstu2; }

// The metadata interaction of any module: its CapabilityStatement (or DSTU2 Conformance).
Response capabilityStatementResponse(const Call& call);

// Every capability the provider serves, in a fixed order (provider/capabilities/modules.cpp).
const std::vector<const CapabilityModule*>& capabilityModules();

}  // namespace gpc::provider::server
