#pragma once
// Turns a step's request (docs/suite-format.md "Request") into the HttpRequest that is sent:
// default GP Connect headers, the JWT, the edits the suite asks for, URL and body.

#include <filesystem>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "runner/checks/fhir_services.h"
#include "runner/core/model.h"
#include "runner/request/variables.h"
#include "runner/suite/case.h"
#include "runner/target/target.h"

namespace gpc {

// The request cannot be built (unreadable fixture, unknown variable, no XML writer...): Errored.
struct RequestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The target has no endpoint for the group the step needs: the case is Skipped.
struct MissingEndpoint : std::runtime_error {
  explicit MissingEndpoint(const std::string& group)
      : std::runtime_error("the target has no \"" + group + "\" endpoint"), group(group) {}
  std::string group;
};

// The step names a client identity (request.tls.identity) the target's tls.identities lacks:
// the case cannot be judged against this target, so it is Skipped.
struct MissingTlsIdentity : std::runtime_error {
  explicit MissingTlsIdentity(const std::string& name)
      : std::runtime_error("the target has no TLS client identity \"" + name + "\" (tls.identities." + name + ")") {}
};

struct BuiltRequest {
  HttpRequest http;
  std::string traceId;          // "" when the suite removed or replaced Ssp-TraceID with nothing
  std::string jwtPayload;       // the claims sent, compact JSON as encoded in the token ("" when none)
};

// `scope.traceId` must already hold the fresh Ssp-TraceID (so {trace_id} resolves to it).
BuiltRequest buildRequest(const Step& step, const Target& target, const VariableScope& scope,
                          const std::filesystem::path& fixturesRoot, const FhirServices& fhir);

// Header list edits, names compared case-insensitively.
void setHeader(Headers& headers, const std::string& name, const std::string& value);
void removeHeader(Headers& headers, const std::string& name);
bool iequals(std::string_view a, std::string_view b);

}  // namespace gpc
