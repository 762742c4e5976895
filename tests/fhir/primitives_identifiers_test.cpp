// Lexical rules of primitives and the check digits of NHS numbers and SNOMED CT ids.

#include <gtest/gtest.h>

#include "runner/fhir/identifiers.h"
#include "runner/fhir/primitives.h"

namespace gpc::fhir {
namespace {

bool ok(const nlohmann::json& v, std::string_view type) { return !primitiveProblem(v, type).has_value(); }

TEST(Primitives, DatesAndTimes) {
  EXPECT_TRUE(ok("2019", "date"));
  EXPECT_TRUE(ok("2019-03", "date"));
  EXPECT_TRUE(ok("2019-03-28", "date"));
  EXPECT_FALSE(ok("2019-13-01", "date"));
  EXPECT_FALSE(ok("28/03/2019", "date"));
  EXPECT_TRUE(ok("2019-03-28T10:30:00+01:00", "dateTime"));
  EXPECT_TRUE(ok("2019-03-28T10:30:00.123Z", "dateTime"));
  EXPECT_FALSE(ok("2019-03-28T10:30:00", "dateTime"));  // a time needs a zone
  EXPECT_FALSE(ok("2019-03-28T10:30Z", "dateTime"));
  EXPECT_TRUE(ok("2019-03-28T10:30:00Z", "instant"));
  EXPECT_FALSE(ok("2019-03-28", "instant"));
  EXPECT_TRUE(ok("23:59:59", "time"));
  EXPECT_FALSE(ok("24:00:00", "time"));
}

TEST(Primitives, JsonTypesAndStrings) {
  EXPECT_TRUE(ok(true, "boolean"));
  EXPECT_FALSE(ok("true", "boolean"));
  EXPECT_TRUE(ok(3, "integer"));
  EXPECT_FALSE(ok(3.5, "integer"));
  EXPECT_FALSE(ok(0, "positiveInt"));
  EXPECT_FALSE(ok(-1, "unsignedInt"));
  EXPECT_TRUE(ok(2.5, "decimal"));
  EXPECT_FALSE(ok("28", "decimal"));
  EXPECT_TRUE(ok("a-B.9", "id"));
  EXPECT_FALSE(ok("a_b", "id"));
  EXPECT_FALSE(ok(std::string(65, 'a'), "id"));
  EXPECT_TRUE(ok("final", "code"));
  EXPECT_FALSE(ok(" final", "code"));
  EXPECT_FALSE(ok("a  b", "code"));
  EXPECT_TRUE(ok("http://snomed.info/sct", "uri"));
  EXPECT_FALSE(ok("http://x ", "uri"));
  EXPECT_FALSE(ok("", "string"));
  EXPECT_TRUE(ok("urn:oid:1.2.3", "oid"));
}

TEST(Identifiers, NhsNumberModulus11) {
  EXPECT_FALSE(nhsNumberProblem("9690937286"));
  EXPECT_FALSE(nhsNumberProblem("9000000009"));
  EXPECT_TRUE(nhsNumberProblem("9690937285"));
  EXPECT_TRUE(nhsNumberProblem("969093728"));
  EXPECT_TRUE(nhsNumberProblem("969093728X"));
  EXPECT_TRUE(nhsNumberProblem("1234567890"));  // check digit would be 10: never valid
}

TEST(Identifiers, SnomedVerhoeffAndPartition) {
  EXPECT_FALSE(snomedIdProblem("22298006"));         // myocardial infarction (concept)
  EXPECT_FALSE(snomedIdProblem("717711000000103"));  // UK extension concept
  EXPECT_TRUE(snomedIdProblem("22298007"));           // check digit wrong
  EXPECT_TRUE(snomedIdProblem("TBD"));
  EXPECT_TRUE(snomedIdProblem("022298006"));
  EXPECT_FALSE(snomedIdProblem("87901000000115", true));  // description id
  EXPECT_TRUE(snomedIdProblem("87901000000115"));         // ... is not a concept id
}

}  // namespace
}  // namespace gpc::fhir
