#include "provider/capabilities/foundations/service_context.h"

#include "provider/server/faults.h"
#include "provider/server/spine_errors.h"

namespace gpc::provider::foundations {

bool Registrations::contains(const std::string& nhsNumber) const {
  std::lock_guard lock(mutex_);
  return byNhs_.count(nhsNumber) > 0;
}

bool Registrations::add(const std::string& nhsNumber, const nlohmann::json& patient) {
  std::lock_guard lock(mutex_);
  return byNhs_.emplace(nhsNumber, patient).second;
}

std::optional<nlohmann::json> Registrations::byNhsNumber(const std::string& nhsNumber) const {
  std::lock_guard lock(mutex_);
  auto it = byNhs_.find(nhsNumber);
  if (it == byNhs_.end()) return std::nullopt;
  return it->second;
}

std::optional<nlohmann::json> Registrations::byId(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& [nhs, patient] : byNhs_)
    if (patient.value("id", "") == id) return patient;
  return std::nullopt;
}

int Registrations::nextId() {
  std::lock_guard lock(mutex_);
  return next_++;
}

server::Response error(const ServiceContext& ctx, std::string_view code, std::string diagnostics) {
  server::Response r;
  r.status = server::errorStatus(code, ctx.faults);
  r.body = server::operationOutcome(code, diagnostics, ctx.faults);
  return r;
}

nlohmann::json searchset(const ServiceContext& ctx, const std::vector<nlohmann::json>& resources) {
  nlohmann::json bundle = {
      {"resourceType", "Bundle"},
      {"meta", {{"profile", {"https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Searchset-Bundle-1"}}}},
      {"type", "searchset"}};
  // No "entry" key at all when nothing matched: FHIR JSON forbids empty arrays.
  for (const auto& r : resources)
    bundle["entry"].push_back({{"fullUrl", ctx.baseUrl + "/" + r.value("resourceType", "") + "/" + r.value("id", "")},
                               {"resource", r}});
  return bundle;
}

server::Response readResponse(const ServiceContext& ctx, nlohmann::json resource) {
  server::Response r;
  const auto version = resource.value("/meta/versionId"_json_pointer, std::string());
  if (!version.empty() && !server::hasFault(ctx.faults, "etag-missing"))
    r.headers.emplace_back("ETag", "W/\"" + version + "\"");
  r.body = std::move(resource);
  return r;
}

}  // namespace gpc::provider::foundations
