#pragma once
// What a Foundations handler needs: the data pack, the patients registered since start-up,
// the active faults and the absolute service root (for searchset fullUrls).

#include <map>
#include <mutex>
#include <optional>
#include <vector>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "provider/server/message.h"
#include "provider/datapack/data_pack.h"

namespace gpc::provider::foundations {

// Patients added by $gpc.registerpatient, by NHS number. Owned by one provider instance.
class Registrations {
 public:
  bool contains(const std::string& nhsNumber) const;
  // Adds the patient unless one with that NHS number exists; returns false if it did.
  bool add(const std::string& nhsNumber, const nlohmann::json& patient);
  std::optional<nlohmann::json> byNhsNumber(const std::string& nhsNumber) const;
  std::optional<nlohmann::json> byId(const std::string& id) const;
  int nextId();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, nlohmann::json> byNhs_;
  int next_ = 1000;
};

struct ServiceContext {
  const datapack::DataPack& pack;
  Registrations& registrations;
  const std::set<std::string>& faults;
  std::string baseUrl;  // absolute service root, e.g. "http://127.0.0.1:5000/B82617/STU3/1/gpconnect"
  std::string today;    // yyyy-mm-dd
};

// An error response through the one error table.
server::Response error(const ServiceContext& ctx, std::string_view code, std::string diagnostics);

// A searchset Bundle (GPConnect-Searchset-Bundle-1) of `resources`, with absolute fullUrls.
nlohmann::json searchset(const ServiceContext& ctx, const std::vector<nlohmann::json>& resources);

// A read response: the resource plus ETag W/"versionId" (unless the etag-missing fault).
server::Response readResponse(const ServiceContext& ctx, nlohmann::json resource);

}  // namespace gpc::provider::foundations
