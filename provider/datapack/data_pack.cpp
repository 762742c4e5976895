#include "provider/datapack/data_pack.h"

#include "gpc/build_paths.h"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace gpc::provider::datapack {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& where, const std::string& why) {
  throw std::runtime_error("data pack " + file.string() + " at " + where + ": " + why);
}

json readFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) fail(file, "/", "cannot open file");
  try {
    return json::parse(in);
  } catch (const json::parse_error& e) {
    fail(file, "/", std::string("invalid JSON: ") + e.what());
  }
}

// Reads a required string member, naming the JSON path when it is missing.
std::string text(const json& obj, const char* key, const std::filesystem::path& file, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string() || it->get<std::string>().empty())
    fail(file, where + "/" + key, "missing or not a non-empty string");
  return it->get<std::string>();
}

const json& resourceOf(const json& item, const char* type, const std::filesystem::path& file, const std::string& where) {
  auto it = item.find("resource");
  if (it == item.end() || !it->is_object()) fail(file, where + "/resource", "missing resource object");
  if (it->value("resourceType", "") != type) fail(file, where + "/resource/resourceType", std::string("expected ") + type);
  if (!it->contains("meta") || !(*it)["meta"].contains("versionId") || !(*it)["meta"].contains("profile"))
    fail(file, where + "/resource/meta", "meta.versionId and meta.profile are required");
  text(*it, "id", file, where + "/resource");
  return *it;
}

// The value of the first identifier with `system`, or "" when there is none.
std::string identifierValue(const json& resource, std::string_view system) {
  for (const auto& id : resource.value("identifier", json::array()))
    if (id.value("system", "") == system) return id.value("value", "");
  return {};
}

const json& listOf(const json& doc, const char* key, const std::filesystem::path& file) {
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array()) fail(file, std::string("/") + key, "missing array");
  return doc[key];
}

PatientFlags readFlags(const json& f, const std::filesystem::path& file, const std::string& where) {
  static const std::set<std::string> known = {
      "onSpine", "sensitive", "superseded", "merged", "inTransit", "dissent", "deceased", "inactive",
      "confidentialItems", "endedAllergies", "hasRecord", "fullRecord", "largeDocument", "noKnownAllergies",
      "temporary", "transferDate"};
  for (const auto& [k, v] : f.items())
    if (!known.contains(k)) fail(file, where + "/" + k, "unknown flag");
  PatientFlags p;
  p.onSpine = f.value("onSpine", true);
  p.sensitive = f.value("sensitive", false);
  p.superseded = f.value("superseded", false);
  p.merged = f.value("merged", false);
  p.inTransit = f.value("inTransit", false);
  p.dissent = f.value("dissent", false);
  p.deceased = f.value("deceased", false);
  p.inactive = f.value("inactive", false);
  p.confidentialItems = f.value("confidentialItems", false);
  p.endedAllergies = f.value("endedAllergies", false);
  p.hasRecord = f.value("hasRecord", true);
  p.fullRecord = f.value("fullRecord", false);
  p.largeDocument = f.value("largeDocument", false);
  p.noKnownAllergies = f.value("noKnownAllergies", false);
  p.temporary = f.value("temporary", false);
  p.transferDate = f.value("transferDate", "");
  return p;
}

template <class Entry, class Key>
const Entry* findBy(const std::vector<Entry>& items, std::string_view value, Key key) {
  for (const auto& e : items)
    if (key(e) == value) return &e;
  return nullptr;
}

std::string idOf(const json& resource) { return resource.at("id").get<std::string>(); }

}  // namespace

bool isValidNhsNumber(std::string_view value) {
  if (value.size() != 10) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    if (value[i] < '0' || value[i] > '9') return false;
    if (i < 9) sum += (value[i] - '0') * static_cast<int>(10 - i);
  }
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == value[9] - '0';
}

std::filesystem::path DataPack::defaultDir() {
  return std::filesystem::path(GPC_SOURCE_DIR) / "fixtures" / "datapack";
}

DataPack DataPack::load(const std::filesystem::path& dir) {
  DataPack pack;
  std::set<std::string> seen;
  auto unique = [&](const std::filesystem::path& file, const std::string& where, const std::string& key) {
    if (!seen.insert(key).second) fail(file, where, "duplicate " + key);
  };

  auto orgFile = dir / "organizations.json";
  const json orgDoc = readFile(orgFile);
  const json& orgs = listOf(orgDoc, "organizations", orgFile);
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    const std::string where = "/organizations/" + std::to_string(i);
    const json& r = resourceOf(orgs[i], "Organization", orgFile, where);
    OrganizationEntry e{text(orgs[i], "odsCode", orgFile, where), idOf(r), r};
    if (identifierValue(r, kOdsOrganizationSystem) != e.odsCode)
      fail(orgFile, where + "/resource/identifier", "no ods-organization-code identifier equal to odsCode");
    unique(orgFile, where, "Organization/" + e.logicalId);
    pack.organizations_.push_back(std::move(e));
  }
  if (pack.organizations_.empty()) fail(orgFile, "/organizations", "the practice organisation is required (first entry)");
  pack.practiceOds_ = pack.organizations_.front().odsCode;

  auto locFile = dir / "locations.json";
  const json locDoc = readFile(locFile);
  const json& locs = listOf(locDoc, "locations", locFile);
  for (std::size_t i = 0; i < locs.size(); ++i) {
    const std::string where = "/locations/" + std::to_string(i);
    const json& r = resourceOf(locs[i], "Location", locFile, where);
    LocationEntry e{text(locs[i], "siteCode", locFile, where), idOf(r), locs[i].value("mainSurgery", false), r};
    if (identifierValue(r, kOdsSiteSystem) != e.siteCode)
      fail(locFile, where + "/resource/identifier", "no ods-site-code identifier equal to siteCode");
    const std::string org = r.value("/managingOrganization/reference"_json_pointer, "");
    if (!org.starts_with("Organization/") || !pack.organizationById(org.substr(13)))
      fail(locFile, where + "/resource/managingOrganization", "must reference an Organization in the pack");
    unique(locFile, where, "Location/" + e.logicalId);
    pack.locations_.push_back(std::move(e));
  }

  auto pracFile = dir / "practitioners.json";
  const json pracDoc = readFile(pracFile);
  const json& pracs = listOf(pracDoc, "practitioners", pracFile);
  for (std::size_t i = 0; i < pracs.size(); ++i) {
    const std::string where = "/practitioners/" + std::to_string(i);
    const json& r = resourceOf(pracs[i], "Practitioner", pracFile, where);
    PractitionerEntry e{text(pracs[i], "role", pracFile, where), identifierValue(r, kSdsUserSystem), idOf(r), {}, r};
    if (e.sdsUserId.empty()) fail(pracFile, where + "/resource/identifier", "no sds-user-id identifier");
    for (const auto& id : r.value("identifier", json::array()))
      if (id.value("system", "") == kSdsRoleProfileSystem) e.roleProfileIds.push_back(id.value("value", ""));
    unique(pracFile, where, "Practitioner/" + e.logicalId);
    pack.practitioners_.push_back(std::move(e));
  }

  auto patFile = dir / "patients.json";
  const json patDoc = readFile(patFile);
  const json& pats = listOf(patDoc, "patients", patFile);
  for (std::size_t i = 0; i < pats.size(); ++i) {
    const std::string where = "/patients/" + std::to_string(i);
    const json& r = resourceOf(pats[i], "Patient", patFile, where);
    PatientEntry e{text(pats[i], "role", patFile, where), identifierValue(r, kNhsNumberSystem), idOf(r),
                   readFlags(pats[i].value("flags", json::object()), patFile, where + "/flags"), r};
    if (!isValidNhsNumber(e.nhsNumber))
      fail(patFile, where + "/resource/identifier", "NHS number '" + e.nhsNumber + "' fails the modulus 11 check");
    if (pack.patientByNhsNumber(e.nhsNumber)) fail(patFile, where, "duplicate NHS number " + e.nhsNumber);
    unique(patFile, where, "Patient/" + e.logicalId);
    unique(patFile, where, "role " + e.role);
    // Every reference must resolve inside the pack: a dangling reference is a defect.
    for (const auto& ext : r.value("extension", json::array())) {
      if (ext.value("url", "") != kRegistrationDetailsUrl) continue;
      for (const auto& sub : ext.value("extension", json::array())) {
        if (sub.value("url", "") != "preferredBranchSurgery") continue;
        const std::string ref = sub.value("/valueReference/reference"_json_pointer, "");
        if (!ref.starts_with("Location/") || !pack.locationById(ref.substr(9)))
          fail(patFile, where + "/resource/extension/preferredBranchSurgery", "must reference a Location in the pack");
      }
    }
    for (const auto& gp : r.value("generalPractitioner", json::array())) {
      const std::string ref = gp.value("reference", "");
      if (!ref.starts_with("Practitioner/") || !pack.practitionerById(ref.substr(13)))
        fail(patFile, where + "/resource/generalPractitioner", "must reference a Practitioner in the pack");
    }
    const std::string org = r.value("/managingOrganization/reference"_json_pointer, "");
    if (!org.starts_with("Organization/") || !pack.organizationById(org.substr(13)))
      fail(patFile, where + "/resource/managingOrganization", "must reference an Organization in the pack");
    pack.patients_.push_back(std::move(e));
  }
  return pack;
}

const PatientEntry* DataPack::patientByNhsNumber(std::string_view v) const {
  return findBy(patients_, v, [](const PatientEntry& e) -> const std::string& { return e.nhsNumber; });
}
const PatientEntry* DataPack::patientById(std::string_view v) const {
  return findBy(patients_, v, [](const PatientEntry& e) -> const std::string& { return e.logicalId; });
}
const PatientEntry* DataPack::patientByRole(std::string_view v) const {
  return findBy(patients_, v, [](const PatientEntry& e) -> const std::string& { return e.role; });
}
const OrganizationEntry* DataPack::organizationByOds(std::string_view v) const {
  return findBy(organizations_, v, [](const OrganizationEntry& e) -> const std::string& { return e.odsCode; });
}
const OrganizationEntry* DataPack::organizationById(std::string_view v) const {
  return findBy(organizations_, v, [](const OrganizationEntry& e) -> const std::string& { return e.logicalId; });
}
const PractitionerEntry* DataPack::practitionerBySdsId(std::string_view v) const {
  return findBy(practitioners_, v, [](const PractitionerEntry& e) -> const std::string& { return e.sdsUserId; });
}
const PractitionerEntry* DataPack::practitionerById(std::string_view v) const {
  return findBy(practitioners_, v, [](const PractitionerEntry& e) -> const std::string& { return e.logicalId; });
}
const LocationEntry* DataPack::locationById(std::string_view v) const {
  return findBy(locations_, v, [](const LocationEntry& e) -> const std::string& { return e.logicalId; });
}
const LocationEntry* DataPack::locationBySiteCode(std::string_view v) const {
  return findBy(locations_, v, [](const LocationEntry& e) -> const std::string& { return e.siteCode; });
}
const OrganizationEntry& DataPack::practice() const { return *organizationByOds(practiceOds_); }

}  // namespace gpc::provider::datapack
