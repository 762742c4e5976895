#pragma once
// Foundations reads and searches of the practice directory: Practitioner, Organization, Location.

#include <string_view>

#include "provider/foundations/service_context.h"

namespace gpc::provider::foundations {

core::Response readPractitioner(const ServiceContext& ctx, std::string_view id);
core::Response searchPractitioners(const ServiceContext& ctx, const core::Request& request);
core::Response readOrganization(const ServiceContext& ctx, std::string_view id);
core::Response searchOrganizations(const ServiceContext& ctx, const core::Request& request);
core::Response readLocation(const ServiceContext& ctx, std::string_view id);

}  // namespace gpc::provider::foundations
