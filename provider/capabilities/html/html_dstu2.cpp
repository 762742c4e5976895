#include "provider/capabilities/html/html_dstu2.h"

namespace gpc::provider::html {
namespace {

using nlohmann::json;

json meta(const json& stu3, std::string_view profile) {
  json m = {{"profile", json::array({std::string(kDstu2Profiles) + std::string(profile)})}};
  const auto versionId = stu3.value("meta", json::object()).value("versionId", "");
  if (!versionId.empty()) m["versionId"] = versionId;
  return m;
}

// STU3 https://fhir.nhs.uk/Id/<x> identifiers become http://fhir.nhs.net/Id/<x>; others dropped.
json identifiers(const json& stu3) {
  json out = json::array();
  for (const auto& id : stu3.value("identifier", json::array())) {
    const std::string system = id.value("system", "");
    const std::string prefix = "https://fhir.nhs.uk/Id/";
    if (system.rfind(prefix, 0) != 0) continue;
    out.push_back({{"system", "http://fhir.nhs.net/Id/" + system.substr(prefix.size())}, {"value", id.value("value", "")}});
  }
  return out;
}

json humanName(const json& stu3Name) {
  json n = json::object();
  for (const char* key : {"use", "text", "given", "prefix", "suffix"}) {
    if (stu3Name.contains(key)) n[key] = stu3Name[key];
  }
  if (stu3Name.contains("family")) n["family"] = json::array({stu3Name["family"]});
  return n;
}

void copy(const json& from, json& to, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (from.contains(key)) to[key] = from[key];
  }
}

}  // namespace

json dstu2Patient(const json& stu3) {
  json p = {{"resourceType", "Patient"}, {"id", stu3.value("id", "")}, {"meta", meta(stu3, "gpconnect-patient-1")}, {"identifier", identifiers(stu3)}};
  json names = json::array();
  for (const auto& n : stu3.value("name", json::array())) names.push_back(humanName(n));
  if (!names.empty()) p["name"] = names;
  copy(stu3, p, {"active", "telecom", "gender", "birthDate", "deceasedDateTime", "deceasedBoolean", "address", "managingOrganization"});
  if (stu3.contains("generalPractitioner")) p["careProvider"] = stu3["generalPractitioner"];
  return p;
}

json dstu2Practitioner(const json& stu3) {
  json p = {{"resourceType", "Practitioner"}, {"id", stu3.value("id", "")}, {"meta", meta(stu3, "gpconnect-practitioner-1")},
            {"identifier", identifiers(stu3)}};
  // DSTU2 Practitioner.name is 0..1.
  const json names = stu3.value("name", json::array());
  if (!names.empty()) p["name"] = humanName(names[0]);
  copy(stu3, p, {"telecom", "gender"});
  return p;
}

json dstu2Organization(const json& stu3) {
  json o = {{"resourceType", "Organization"}, {"id", stu3.value("id", "")}, {"meta", meta(stu3, "gpconnect-organization-1")},
            {"identifier", identifiers(stu3)}};
  copy(stu3, o, {"name", "telecom", "address"});
  return o;
}

json referenceProviderDevice(const std::string& organizationId) {
  return {{"resourceType", "Device"},
          {"id", "gpc-assure-reference-provider"},
          {"meta", {{"profile", json::array({std::string(kDstu2Profiles) + "gpconnect-device-1"})}}},
          {"identifier", json::array({{{"system", "https://github.com/gpc-assure"}, {"value", "reference-provider"}}})},
          // gpconnect-device-1 fixes type to this one SNOMED coding and forbids type.text.
          {"type", {{"coding", json::array({{{"system", "http://snomed.info/sct"},
                                             {"code", "462240000"},
                                             {"display", "Patient health record information system (physical object)"}}})}}},
          {"manufacturer", "gpc-assure"},
          {"model", "reference-provider"},
          {"version", "0.7.4"},
          {"owner", {{"reference", "Organization/" + organizationId}}}};
}

}  // namespace gpc::provider::html
