#pragma once
// Foundations reads and searches of the practice directory: Practitioner, Organization, Location.

#include <string_view>

#include "provider/capabilities/foundations/service_context.h"

namespace gpc::provider::foundations {

server::Response readPractitioner(const ServiceContext& ctx, std::string_view id);
server::Response searchPractitioners(const ServiceContext& ctx, const server::Request& request);
server::Response readOrganization(const ServiceContext& ctx, std::string_view id);
server::Response searchOrganizations(const ServiceContext& ctx, const server::Request& request);
server::Response readLocation(const ServiceContext& ctx, std::string_view id);

}  // namespace gpc::provider::foundations
