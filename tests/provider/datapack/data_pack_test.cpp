// The data pack: official roles, identifiers, branch surgeries, and the loader's error messages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "provider/datapack/data_pack.h"

namespace gpc::provider::datapack {
namespace {

class DataPackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pack_ = new DataPack(DataPack::load(DataPack::defaultDir())); }
  static void TearDownTestSuite() { delete pack_; }
  static DataPack* pack_;
};
DataPack* DataPackTest::pack_ = nullptr;

TEST(NhsNumber, Modulus11) {
  EXPECT_TRUE(isValidNhsNumber("9690937278"));
  EXPECT_TRUE(isValidNhsNumber("9999999999"));
  EXPECT_FALSE(isValidNhsNumber("9690937279"));   // wrong check digit
  EXPECT_FALSE(isValidNhsNumber("969093727"));    // nine digits
  EXPECT_FALSE(isValidNhsNumber("96909372A8"));
  EXPECT_FALSE(isValidNhsNumber("1000000010"));   // check digit would be 10: never valid
}

TEST_F(DataPackTest, OfficialPatientRolesWithTheirNhsNumbers) {
  const std::map<std::string, std::string> roles = {
      {"patient1", "9690937278"},  {"patient2", "9690937286"},  {"patient3", "9690937294"},
      {"patient4", "9690937308"},  {"patient5", "9690937375"},  {"patient6", "9690937383"},
      {"patient7", "9690937391"},  {"patient8", "9690937405"},  {"patient9", "9690938533"},
      {"patient10", "9690938541"}, {"patient11", "9690938622"}, {"patient12", "9690938614"},
      {"patient13", "9690938096"}, {"patient14", "9476718943"}, {"patient15", "9690938576"},
      {"patient16", "9690938118"}, {"patient17", "9690938126"}, {"patient18", "9690938681"},
      {"patient21", "9690938142"}, {"patientNoAppointments", "9690938134"}};
  for (const auto& [role, nhs] : roles) {
    const auto* p = pack_->patientByRole(role);
    ASSERT_NE(p, nullptr) << role;
    EXPECT_EQ(p->nhsNumber, nhs) << role;
    EXPECT_TRUE(isValidNhsNumber(p->nhsNumber)) << role;
    EXPECT_EQ(pack_->patientByNhsNumber(nhs), p);
    EXPECT_EQ(pack_->patientById(p->logicalId), p);
  }
  EXPECT_EQ(pack_->patientByNhsNumber("9999999999"), nullptr);  // patientNotInSystem
  EXPECT_TRUE(pack_->patientByRole("patient9")->flags.sensitive);
  EXPECT_TRUE(pack_->patientByRole("patient11")->flags.superseded);
  EXPECT_TRUE(pack_->patientByRole("patient13")->flags.inTransit);
  EXPECT_FALSE(pack_->patientByRole("patient14")->flags.onSpine);
  EXPECT_TRUE(pack_->patientByRole("patient15")->flags.dissent);
  EXPECT_TRUE(pack_->patientByRole("patient17")->flags.endedAllergies);
  EXPECT_TRUE(pack_->patientByRole("patient18")->flags.deceased);
  EXPECT_TRUE(pack_->patientByRole("patient21")->flags.inactive);
  EXPECT_EQ(pack_->patientByRole("patient21")->resource["active"], false);
}

TEST_F(DataPackTest, OrganisationsPractitionersAndAbsentOnes) {
  EXPECT_EQ(pack_->practice().odsCode, "B82617");
  EXPECT_NE(pack_->organizationByOds("R1A14"), nullptr);
  EXPECT_NE(pack_->organizationByOds("X12345"), nullptr);
  EXPECT_EQ(pack_->organizationByOds("INVOC1"), nullptr);
  const std::map<std::string, std::size_t> roleCounts = {
      {"G13579135", 0}, {"G11111116", 1}, {"G22345655", 2}, {"G22222226", 1}};
  for (const auto& [sds, count] : roleCounts) {
    const auto* p = pack_->practitionerBySdsId(sds);
    ASSERT_NE(p, nullptr) << sds;
    EXPECT_EQ(p->roleProfileIds.size(), count) << sds;
  }
  EXPECT_EQ(pack_->practitionerBySdsId("G99999999"), nullptr);
}

TEST_F(DataPackTest, PracticeHasAMainSurgeryAndAtLeastTwoBranches) {
  const std::string practiceRef = "Organization/" + pack_->practice().logicalId;
  int main = 0, branches = 0;
  for (const auto& l : pack_->locations()) {
    if (l.resource["managingOrganization"]["reference"] != practiceRef) continue;
    (l.mainSurgery ? main : branches)++;
    EXPECT_EQ(l.resource["identifier"][0]["system"], "https://fhir.nhs.uk/Id/ods-site-code");
  }
  EXPECT_EQ(main, 1);
  EXPECT_GE(branches, 2);
  EXPECT_NE(pack_->locationBySiteCode("Z26556"), nullptr);
}

TEST_F(DataPackTest, EveryResourceHasProfileVersionAndPreferredBranchesResolve) {
  int activeWithoutBranch = 0;
  for (const auto& p : pack_->patients()) {
    const auto& r = p.resource;
    EXPECT_EQ(r["meta"]["profile"][0], "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1");
    EXPECT_TRUE(r["meta"].contains("versionId"));
    int details = 0;
    bool hasBranch = false;
    for (const auto& ext : r["extension"]) {
      if (ext["url"] != kRegistrationDetailsUrl) continue;
      ++details;
      for (const auto& sub : ext["extension"]) {
        if (sub["url"] != "preferredBranchSurgery") continue;
        hasBranch = true;
        const std::string ref = sub["valueReference"]["reference"];
        ASSERT_TRUE(ref.starts_with("Location/")) << p.role;
        const auto* loc = pack_->locationById(ref.substr(9));
        ASSERT_NE(loc, nullptr) << p.role;
        EXPECT_EQ(loc->resource["managingOrganization"]["reference"], "Organization/" + pack_->practice().logicalId);
      }
    }
    EXPECT_EQ(details, 1) << p.role;
    if (!hasBranch && !p.flags.inactive && !p.flags.deceased) ++activeWithoutBranch;
  }
  EXPECT_GE(activeWithoutBranch, 1);
  for (const auto& o : pack_->organizations())
    EXPECT_EQ(o.resource["meta"]["profile"][0], "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Organization-1");
  for (const auto& p : pack_->practitioners())
    EXPECT_EQ(p.resource["meta"]["profile"][0], "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Practitioner-1");
  for (const auto& l : pack_->locations())
    EXPECT_EQ(l.resource["meta"]["profile"][0], "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Location-1");
}

// A broken copy of the data pack: the error names the file, the JSON path and the reason.
class BrokenDataPack : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gpc-datapack-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    for (const auto& f : std::filesystem::directory_iterator(DataPack::defaultDir()))
      std::filesystem::copy_file(f.path(), dir_ / f.path().filename());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    std::ifstream in(dir_ / file);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(dir_ / file) << text;
  }
  std::string loadError() {
    try {
      DataPack::load(dir_);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path dir_;
};

TEST_F(BrokenDataPack, BadCheckDigitNamesFileAndPath) {
  edit("patients.json", "9690937278", "9690937279");
  const auto err = loadError();
  EXPECT_NE(err.find("patients.json"), std::string::npos) << err;
  EXPECT_NE(err.find("/patients/0/resource/identifier"), std::string::npos) << err;
  EXPECT_NE(err.find("modulus 11"), std::string::npos) << err;
}

TEST_F(BrokenDataPack, DanglingPreferredBranch) {
  edit("patients.json", "\"Location/2\"", "\"Location/999\"");
  const auto err = loadError();
  EXPECT_NE(err.find("preferredBranchSurgery"), std::string::npos) << err;
}

TEST_F(BrokenDataPack, BadJsonAndMissingFile) {
  edit("locations.json", "{", "[");
  EXPECT_NE(loadError().find("locations.json at /: invalid JSON"), std::string::npos) << loadError();
  std::filesystem::remove(dir_ / "organizations.json");
  EXPECT_NE(loadError().find("organizations.json at /: cannot open file"), std::string::npos) << loadError();
}

TEST_F(BrokenDataPack, UnknownFlag) {
  edit("patients.json", "\"hasRecord\"", "\"hasRecrod\"");
  EXPECT_NE(loadError().find("/patients/0/flags/hasRecrod: unknown flag"), std::string::npos) << loadError();
}

}  // namespace
}  // namespace gpc::provider::datapack
