// The record fixtures and the small rules they rest on: SNOMED check digits, NHS numbers, dates.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "provider/records/patient_access.h"
#include "provider/records/record_dates.h"
#include "provider/records/snomed.h"
#include "tests/provider/records/records_test_support.h"

namespace gpc::provider::records {
namespace {

TEST(RecordsData, VerhoeffAcceptsRealIdsAndRejectsTypos) {
  for (const char* id : {"404684003", "138875005", "886921000000105", "1103671000000101", "39114911000001105", "716186003"})
    EXPECT_TRUE(isSnomedConceptId(id)) << id;
  for (const char* id : {"404684002", "886921000000104", "12345", "0404684003", "40468400x"}) EXPECT_FALSE(isSnomedConceptId(id)) << id;
  EXPECT_FALSE(isSnomedConceptId("2647992016"));  // a description id, valid but not a concept
  EXPECT_TRUE(isSnomedId("2647992016"));
}

TEST(RecordsData, NhsNumberModulus11) {
  EXPECT_TRUE(nhsNumberValid("9690937286"));
  EXPECT_FALSE(nhsNumberValid("9690937287"));
  EXPECT_FALSE(nhsNumberValid("969093728"));
  EXPECT_FALSE(nhsNumberValid("96909372a6"));
}

TEST(RecordsData, DatesAsIntervalsAndDisplay) {
  EXPECT_EQ(dayInterval("2016")->last, "2016-12-31");
  EXPECT_EQ(dayInterval("2024-02")->last, "2024-02-29");
  EXPECT_EQ(dayInterval("2019-03-07T10:00:00+00:00")->first, "2019-03-07");
  EXPECT_FALSE(dayInterval("2019-13"));
  EXPECT_TRUE(isWholeDate("2024-02-29"));
  EXPECT_FALSE(isWholeDate("2023-02-29"));
  EXPECT_EQ(displayDate("2019-03-07"), "07-Mar-2019");
  EXPECT_TRUE(overlaps("2016", "2016", "", "2016-01-01"));
  EXPECT_FALSE(overlaps("2016", "2016", "2017-01-01", ""));
  EXPECT_TRUE(overlaps("", "", "2017-01-01", "2018-01-01"));  // unknown dates are returned
}

TEST(RecordsData, FixturesLoadAndCoverEveryArea) {
  const auto& store = testing::RecordFixtures::get().store;
  const auto* full = store.find("9690937286");
  ASSERT_NE(full, nullptr);
  for (const char* area : {"allergies", "medications", "problems", "consultations", "immunisations", "uncategorised", "investigations",
                           "referrals", "diary", "documents"})
    EXPECT_FALSE(full->data[area].empty()) << area;
  const auto* large = store.binary("p4-bin-1");
  ASSERT_NE(large, nullptr);
  EXPECT_GT(large->bytes.size(), 5u * 1024 * 1024);
  // Every record belongs to a data-pack patient.
  for (const auto& [nhs, record] : store.records())
    EXPECT_NE(testing::RecordFixtures::get().pack.patientByNhsNumber(nhs), nullptr) << record.sourceFile;
}

// Loads one record file with `content` from a scratch fixtures directory; the error must name the
// file and `jsonPath`.
void expectLoadFailure(const std::string& content, const std::string& jsonPath) {
  const auto dir = std::filesystem::temp_directory_path() / ("gpc-records-bad-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "records");
  std::ofstream(dir / "records" / "9690937286.json") << content;
  try {
    RecordStore::load(dir);
    ADD_FAILURE() << "accepted: " << content;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("9690937286.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(jsonPath), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(RecordsData, BadFixtureNamesFileAndPath) {
  expectLoadFailure(R"({"nhsNumber": "9690937286", "allergies": [{"id": "a", "code": ["91936006", "Typo"], "asserted": "2020-01-01"}]})",
                    "$.allergies[0].code");
}

// CareConnect-GPC-Immunization-1 requires the vaccinationProcedure extension, built from `procedure`.
TEST(RecordsData, ImmunisationWithoutProcedureNamesPath) {
  expectLoadFailure(R"({"nhsNumber": "9690937286", "immunisations": [{"id": "i", "vaccine": ["39114911000001105", "Fluenz"], "date": "2020-01-01"}]})",
                    "$.immunisations[0].procedure");
}

}  // namespace
}  // namespace gpc::provider::records
