#include "provider/capabilities/foundations/directory.h"

#include <variant>

#include "provider/server/faults.h"
#include "provider/capabilities/foundations/identifier_search.h"

namespace gpc::provider::foundations {
namespace {

using nlohmann::json;

json view(const ServiceContext& ctx, json resource) {
  if (server::hasFault(ctx.faults, "version-id-missing")) resource["meta"].erase("versionId");
  return resource;
}

template <class Find>
server::Response search(const ServiceContext& ctx, const server::Request& request, std::string_view system, Find find) {
  auto parsed = identifierSearchValue(request, system);
  if (auto* r = std::get_if<server::Rejection>(&parsed)) return error(ctx, r->code, r->diagnostics);
  std::vector<json> found;
  if (const json* r = find(std::get<std::string>(parsed))) found.push_back(view(ctx, *r));
  server::Response res;
  res.body = searchset(ctx, found);
  return res;
}

}  // namespace

server::Response readPractitioner(const ServiceContext& ctx, std::string_view id) {
  if (const auto* e = ctx.pack.practitionerById(id)) return readResponse(ctx, view(ctx, e->resource));
  return error(ctx, "PRACTITIONER_NOT_FOUND", "no Practitioner with logical id '" + std::string(id) + "'");
}

server::Response searchPractitioners(const ServiceContext& ctx, const server::Request& request) {
  return search(ctx, request, datapack::kSdsUserSystem, [&](const std::string& v) -> const json* {
    const auto* e = ctx.pack.practitionerBySdsId(v);
    return e ? &e->resource : nullptr;
  });
}

server::Response readOrganization(const ServiceContext& ctx, std::string_view id) {
  if (const auto* e = ctx.pack.organizationById(id)) return readResponse(ctx, view(ctx, e->resource));
  return error(ctx, "ORGANISATION_NOT_FOUND", "no Organization with logical id '" + std::string(id) + "'");
}

server::Response searchOrganizations(const ServiceContext& ctx, const server::Request& request) {
  return search(ctx, request, datapack::kOdsOrganizationSystem, [&](const std::string& v) -> const json* {
    const auto* e = ctx.pack.organizationByOds(v);
    return e ? &e->resource : nullptr;
  });
}

server::Response readLocation(const ServiceContext& ctx, std::string_view id) {
  const auto* e = ctx.pack.locationById(id);
  if (!e) return error(ctx, "NO_RECORD_FOUND", "no Location with logical id '" + std::string(id) + "'");
  json location = view(ctx, e->resource);
  if (server::hasFault(ctx.faults, "location-managing-org-missing")) location.erase("managingOrganization");
  return readResponse(ctx, std::move(location));
}

}  // namespace gpc::provider::foundations
