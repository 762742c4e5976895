#pragma once
// The interactions the provider serves, as data: endpoint group, method, path under the
// service root, the Ssp-InteractionIDs that may address it and the JWT scope it needs.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpc::provider::core {

enum class Endpoint { Foundations, Structured, Documents, Html };

enum class Op {
  Metadata, PatientRead, PatientSearch, RegisterPatient, PractitionerRead, PractitionerSearch,
  OrganizationRead, OrganizationSearch, LocationRead,
  StructuredMetadata, GetStructuredRecord, MigrateStructuredRecord,
  DocumentsMetadata, DocumentsPatientSearch, DocumentReferenceSearch, BinaryRead,
  HtmlMetadata, GetCareRecord
};

struct InteractionDef {
  Op op;
  Endpoint endpoint;
  std::string_view method;
  std::string_view path;                        // relative, "{id}" matches one logical id
  std::vector<std::string_view> interactionIds;  // Binary: retrieve and migrate share the route
  std::string_view scope;                       // requested_scope the JWT must carry
};

const std::vector<InteractionDef>& interactions();

struct RouteMatch {
  std::optional<Endpoint> endpoint;      // unset: the path is under no service root
  std::string serviceRoot;               // e.g. "/B82617/STU3/1/gpconnect/structured"
  const InteractionDef* interaction = nullptr;  // unset: no interaction at this path and method
  bool wrongMethod = false;              // the path is known, the method is not
  std::vector<std::string> ids;          // values matched by {id}
};

// Resolves `path` (case-sensitive, as the spec requires) under the service roots of the
// practice `odsCode`.
RouteMatch resolveRoute(std::string_view method, std::string_view path, std::string_view odsCode);

// Endpoints' own interaction ids, for an "interaction id for another endpoint" check.
bool isKnownInteractionId(std::string_view id);

}  // namespace gpc::provider::core
