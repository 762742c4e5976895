#pragma once
// The reference provider's test data pack: the official GP Connect test data roles
// (patient1..patient18, patient21, patientNoAppointments; practice B82617 and its branch
// surgeries; practitioners by SDS id), loaded from fixtures/datapack/*.json.
//
// Each patient carries the FHIR Patient resource as the provider returns it from a read,
// plus the data-pack flags that decide how every interaction treats the patient (sensitive,
// deceased, dissent, ...). The flags are facts about the test patient, not FHIR content, so
// they live beside the resource rather than inside it.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc::provider::datapack {

// How the data pack's patient behaves (official-suite.md §8).
struct PatientFlags {
  bool onSpine = true;            // false: patient14, not known to PDS/Spine
  bool sensitive = false;         // patient9/10: PDS sensitive flag (S-flag)
  bool superseded = false;        // patient11: the NHS number was superseded on PDS
  bool merged = false;            // patient12: record merged into another
  bool inTransit = false;         // patient13: GP2GP transfer from previous practice incomplete
  bool dissent = false;           // patient15: opted out of record sharing (NO_PATIENT_CONSENT)
  bool deceased = false;          // patient18
  bool inactive = false;          // patient21: left the practice / not active
  bool confidentialItems = false; // patient16 (and patient2): items withheld as confidential
  bool endedAllergies = false;    // patient17: has resolved allergies
  bool hasRecord = true;          // false: an empty clinical record (patient1)
  bool fullRecord = false;        // patient2: data in every clinical area
  bool largeDocument = false;     // patient4: one document over 5 MB
  bool noKnownAllergies = false;  // patient5: explicit "no known allergies"
  bool temporary = false;         // registered as a temporary patient
  std::string transferDate;       // when inTransit: registration date at this practice (YYYY-MM-DD)
};

struct PatientEntry {
  std::string role;        // "patient1", "patientNoAppointments", ...
  std::string nhsNumber;   // 10 digits, valid modulus 11
  std::string logicalId;   // Patient.id
  PatientFlags flags;
  nlohmann::json resource; // full CareConnect-GPC-Patient-1 as a read returns it
};

struct OrganizationEntry {
  std::string odsCode;     // ods-organization-code identifier value
  std::string logicalId;
  nlohmann::json resource; // CareConnect-GPC-Organization-1
};

struct PractitionerEntry {
  std::string role;                       // "practitioner1", ...
  std::string sdsUserId;                  // sds-user-id identifier value, e.g. G13579135
  std::string logicalId;
  std::vector<std::string> roleProfileIds;  // sds-role-profile-id values (0..n)
  nlohmann::json resource;                // CareConnect-GPC-Practitioner-1
};

struct LocationEntry {
  std::string siteCode;        // ods-site-code identifier value, e.g. Z26556
  std::string logicalId;
  bool mainSurgery = false;    // the practice's main surgery (others are branch surgeries)
  nlohmann::json resource;     // CareConnect-GPC-Location-1, managingOrganization -> practice
};

// Identifier systems used across the data pack (spec-facts §6 "common identifier systems").
inline constexpr std::string_view kNhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
inline constexpr std::string_view kOdsOrganizationSystem = "https://fhir.nhs.uk/Id/ods-organization-code";
inline constexpr std::string_view kOdsSiteSystem = "https://fhir.nhs.uk/Id/ods-site-code";
inline constexpr std::string_view kSdsUserSystem = "https://fhir.nhs.uk/Id/sds-user-id";
inline constexpr std::string_view kSdsRoleProfileSystem = "https://fhir.nhs.uk/Id/sds-role-profile-id";
inline constexpr std::string_view kRegistrationDetailsUrl =
    "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-RegistrationDetails-1";

// True when `value` is ten digits whose check digit is right (modulus 11, weights 10..2).
bool isValidNhsNumber(std::string_view value);

class DataPack {
 public:
  // Loads and checks <dir>/{patients,organizations,practitioners,locations}.json.
  // Throws std::runtime_error naming the file, the JSON path and the reason (missing file,
  // bad JSON, missing key, invalid NHS number, duplicate id, dangling reference).
  static DataPack load(const std::filesystem::path& dir);

  // The project's data pack: fixtures/datapack under the source tree.
  static std::filesystem::path defaultDir();

  const std::vector<PatientEntry>& patients() const { return patients_; }
  const std::vector<OrganizationEntry>& organizations() const { return organizations_; }
  const std::vector<PractitionerEntry>& practitioners() const { return practitioners_; }
  const std::vector<LocationEntry>& locations() const { return locations_; }

  // Lookups return nullptr when absent (e.g. 9999999999, INVOC1, G99999999).
  const PatientEntry* patientByNhsNumber(std::string_view nhsNumber) const;
  const PatientEntry* patientById(std::string_view logicalId) const;
  const PatientEntry* patientByRole(std::string_view role) const;
  const OrganizationEntry* organizationByOds(std::string_view odsCode) const;
  const OrganizationEntry* organizationById(std::string_view logicalId) const;
  const PractitionerEntry* practitionerBySdsId(std::string_view sdsUserId) const;
  const PractitionerEntry* practitionerById(std::string_view logicalId) const;
  const LocationEntry* locationById(std::string_view logicalId) const;
  const LocationEntry* locationBySiteCode(std::string_view siteCode) const;

  // The practice that owns this data pack (B82617): the Organization in every service root.
  const OrganizationEntry& practice() const;

 private:
  std::vector<PatientEntry> patients_;
  std::vector<OrganizationEntry> organizations_;
  std::vector<PractitionerEntry> practitioners_;
  std::vector<LocationEntry> locations_;
  std::string practiceOds_;
};

}  // namespace gpc::provider::datapack
