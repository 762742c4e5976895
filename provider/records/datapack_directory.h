#pragma once
// RecordDirectory over provider-core's DataPack: the adapter core uses to hand the record
// operations their Foundations data. PractitionerRoles are derived (the data pack holds role
// profile ids, not PractitionerRole resources): one role per practitioner at the practice.

#include <map>
#include <string>

#include "provider/datapack/data_pack.h"
#include "provider/records/record_context.h"

namespace gpc::provider::records {

class DataPackDirectory final : public RecordDirectory {
 public:
  explicit DataPackDirectory(const datapack::DataPack& pack);

  const nlohmann::json* patientByNhsNumber(std::string_view nhsNumber) const override;
  const nlohmann::json* resource(std::string_view type, std::string_view id) const override;
  const nlohmann::json* organizationByOds(std::string_view odsCode) const override;
  std::vector<const nlohmann::json*> rolesOfPractitioner(std::string_view practitionerId) const override;
  PatientStatus status(const nlohmann::json& patient) const override;

 private:
  const datapack::DataPack& pack_;
  std::map<std::string, nlohmann::json, std::less<>> roles_;  // by PractitionerRole id
};

}  // namespace gpc::provider::records
