#include "provider/records/datapack_directory.h"

#include "provider/records/fhir_build.h"

namespace gpc::provider::records {

DataPackDirectory::DataPackDirectory(const datapack::DataPack& pack) : pack_(pack) {
  const auto& practice = pack.practice();
  for (const auto& p : pack.practitioners()) {
    const std::string id = p.logicalId + "-role";
    nlohmann::json role = {{"resourceType", "PractitionerRole"},
                           {"id", id},
                           {"meta", fhir::meta("CareConnect-GPC-PractitionerRole-1")},
                           {"practitioner", fhir::reference("Practitioner", p.logicalId)},
                           {"organization", fhir::reference("Organization", practice.logicalId)},
                           {"code", nlohmann::json::array({{{"coding", nlohmann::json::array({fhir::coding(
                                                                "https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-SDSJobRoleName-1", "R0260",
                                                                "General Medical Practitioner")})}}})}};
    if (!p.roleProfileIds.empty()) {
      role["identifier"] = nlohmann::json::array();
      for (const auto& rp : p.roleProfileIds)
        role["identifier"].push_back({{"system", std::string(datapack::kSdsRoleProfileSystem)}, {"value", rp}});
    }
    roles_.emplace(id, std::move(role));
  }
}

const nlohmann::json* DataPackDirectory::patientByNhsNumber(std::string_view nhsNumber) const {
  const auto* p = pack_.patientByNhsNumber(nhsNumber);
  return p ? &p->resource : nullptr;
}

const nlohmann::json* DataPackDirectory::resource(std::string_view type, std::string_view id) const {
  if (type == "Patient") {
    const auto* p = pack_.patientById(id);
    return p ? &p->resource : nullptr;
  }
  if (type == "Organization") {
    const auto* o = pack_.organizationById(id);
    return o ? &o->resource : nullptr;
  }
  if (type == "Practitioner") {
    const auto* p = pack_.practitionerById(id);
    return p ? &p->resource : nullptr;
  }
  if (type == "Location") {
    const auto* l = pack_.locationById(id);
    return l ? &l->resource : nullptr;
  }
  if (type == "PractitionerRole") {
    const auto it = roles_.find(id);
    return it == roles_.end() ? nullptr : &it->second;
  }
  return nullptr;
}

const nlohmann::json* DataPackDirectory::organizationByOds(std::string_view odsCode) const {
  const auto* o = pack_.organizationByOds(odsCode);
  return o ? &o->resource : nullptr;
}

std::vector<const nlohmann::json*> DataPackDirectory::rolesOfPractitioner(std::string_view practitionerId) const {
  const auto it = roles_.find(std::string(practitionerId) + "-role");
  if (it == roles_.end()) return {};
  return {&it->second};
}

PatientStatus DataPackDirectory::status(const nlohmann::json& patient) const {
  PatientStatus s = RecordDirectory::status(patient);
  if (const auto* entry = pack_.patientById(patient.value("id", ""))) {
    // Not on Spine, superseded and merged records cannot be traced: treated as not found.
    s.sensitive |= entry->flags.sensitive || !entry->flags.onSpine || entry->flags.superseded || entry->flags.merged;
    s.dissent |= entry->flags.dissent;
    s.inactive |= entry->flags.inactive;
    s.deceased |= entry->flags.deceased;
    if (entry->flags.inTransit) s.transferDate = entry->flags.transferDate;
  }
  return s;
}

}  // namespace gpc::provider::records
