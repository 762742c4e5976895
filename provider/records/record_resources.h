#pragma once
// Expands one compact fixture item into its GP Connect profiled resource(s). Each function
// returns the resources in dependency order; the first is the item's own resource.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc::provider::records {

struct ItemContext {
  std::string patientId;
  std::string recorder;  // "Practitioner/<id>" of the usual GP, or empty
  std::string today;
  bool includePrescriptionIssues = true;
};

using Resources = std::vector<nlohmann::json>;

Resources allergyResources(const nlohmann::json& item, const ItemContext& c);
Resources medicationResources(const nlohmann::json& item, const ItemContext& c);
Resources problemResources(const nlohmann::json& item, const ItemContext& c, const std::vector<std::string>& linkedRefs);
Resources encounterResources(const nlohmann::json& item, const ItemContext& c);
Resources immunisationResources(const nlohmann::json& item, const ItemContext& c);
Resources observationResources(const nlohmann::json& item, const ItemContext& c);
Resources investigationResources(const nlohmann::json& item, const ItemContext& c);
Resources referralResources(const nlohmann::json& item, const ItemContext& c);
Resources diaryResources(const nlohmann::json& item, const ItemContext& c);

// The area key in the fixture ("allergies", ...) and the builder for its items.
struct AreaKind {
  const char* area;
  Resources (*build)(const nlohmann::json&, const ItemContext&);
};
const std::vector<AreaKind>& linkableAreas();  // every area except problems

}  // namespace gpc::provider::records
