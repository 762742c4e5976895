// Deliberately broken copies of a valid corpus record: each break must add exactly the one
// expected issue to what the unbroken copy gives (checked against both the official definitions
// and the project's profiles/).

#include <gtest/gtest.h>

#include <functional>

#include "tests/fhir/shared_fixtures.h"

namespace gpc::fhir::testing {
namespace {

struct Break {
  const char* name;
  std::size_t entry;  // which entry of the record is validated (SIZE_MAX: a small Bundle)
  std::function<void(nlohmann::json&)> apply;
  const char* severity;
  const char* code;
  const char* location;
  const char* messagePart;
};

nlohmann::json subject(const nlohmann::json& record, std::size_t entry) {
  if (entry != SIZE_MAX) return record["entry"][entry]["resource"];
  nlohmann::json bundle = {{"resourceType", "Bundle"}, {"type", "document"}, {"entry", nlohmann::json::array()}};
  for (std::size_t i = 0; i < 6; ++i) bundle["entry"].push_back(record["entry"][i]);
  return bundle;
}

const std::vector<Break>& breaks() {
  static const std::vector<Break> all = {
      {"RemoveRequiredElement", 6, [](nlohmann::json& r) { r.erase("status"); }, "error", "required", "List.status",
       "minimum required = 1"},
      {"WrongFixedValue", 6, [](nlohmann::json& r) { r["mode"] = "working"; }, "error", "value", "List.mode",
       "must be exactly \"snapshot\""},
      {"BadCodeInRequiredBinding", 0, [](nlohmann::json& r) { r["gender"] = "blue"; }, "error", "code-invalid",
       "Patient.gender", "not in the required value set"},
      {"UnknownElement", 0, [](nlohmann::json& r) { r["favouriteColour"] = "blue"; }, "error", "structure",
       "Patient.favouriteColour", "unknown element"},
      {"BrokenSlice", 0, [](nlohmann::json& r) { r["identifier"][0].erase("extension"); }, "error", "required",
       "Patient.identifier[0].extension", "slice 'nhsNumberVerificationStatus' requires at least 1"},
      {"BadNhsNumber", 0, [](nlohmann::json& r) { r["identifier"][0]["value"] = "9690937285"; }, "error", "value",
       "Patient.identifier[0].value", "modulus 11"},
      {"DanglingReference", SIZE_MAX,
       [](nlohmann::json& b) { b["entry"][5]["resource"]["patient"]["reference"] = "Patient/no-such-patient"; },
       "error", "not-found", "Bundle.entry[5].resource.patient.reference", "does not resolve"},
  };
  return all;
}

void checkBreaks(const std::shared_ptr<const ProfileRegistry>& registry) {
  const auto record = readJson(sharedDir() / "corpus/structured-records/9690937286.structuredRecord.json");
  ASSERT_TRUE(record.is_object());
  const Validator validator(registry);
  for (const auto& b : breaks()) {
    SCOPED_TRACE(b.name);
    const auto original = subject(record, b.entry);
    auto broken = original;
    b.apply(broken);
    const auto issues = addedIssues(validator.validate(original), validator.validate(broken));
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].severity, b.severity);
    EXPECT_EQ(issues[0].code, b.code);
    EXPECT_EQ(issues[0].location, b.location);
    EXPECT_NE(issues[0].message.find(b.messagePart), std::string::npos) << issues[0].message;
  }
}

TEST(BrokenCopies, EachBreakGivesExactlyTheExpectedIssueWithOfficialProfiles) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no corpus record to break";
  checkBreaks(officialRegistry());
}

TEST(BrokenCopies, EachBreakGivesExactlyTheExpectedIssueWithProjectProfiles) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no corpus record to break";
  checkBreaks(defaultRegistry());
}

}  // namespace
}  // namespace gpc::fhir::testing
