// Decimals keep the precision they are written with (FHIRPath: 1.50 is not 1.5 when printed or
// asked for its precision), through + and -, and precision() of dates and times.

#include <gtest/gtest.h>

#include "runner/fhir/fhirpath/fhirpath.h"

namespace fp = gpc::fhirpath;
using nlohmann::json;

namespace {

json one(const char* text, const json& root = json::object()) {
  const auto result = fp::evaluate(fp::parse(text), root);
  return result.size() == 1 ? result[0] : json("<" + std::to_string(result.size()) + " items>");
}

TEST(DecimalPrecision, LiteralsPrintAsWritten) {
  EXPECT_EQ(one("1.50.toString()"), "1.50");
  EXPECT_EQ(one("1.0.toString()"), "1.0");
  EXPECT_EQ(one("0.0034.toString()"), "0.0034");
  EXPECT_EQ(one("(-1.50).toString()"), "-1.50");
  EXPECT_EQ(one("1.50 = 1.5"), true);  // the value is the same; only its written precision differs
}

TEST(DecimalPrecision, SumsKeepTheFinerPrecision) {
  EXPECT_EQ(one("(1.50 + 2).toString()"), "3.50");
  EXPECT_EQ(one("(1.5 + 0.25).toString()"), "1.75");
  EXPECT_EQ(one("(2.500 - 1.5).toString()"), "1.000");
  // Other arithmetic has no defined written precision: shortest form.
  EXPECT_EQ(one("(1.50 * 2).toString()"), "3.0");
}

TEST(DecimalPrecision, PrecisionFunction) {
  EXPECT_EQ(one("1.58700.precision()"), 5);
  EXPECT_EQ(one("7.precision()"), 0);
  EXPECT_EQ(one("@2014.precision()"), 4);
  EXPECT_EQ(one("@2014-01-05T10:30:00.000.precision()"), 17);
  EXPECT_EQ(one("@2014-01-05T10:30:00.000+10:00.precision()"), 17);
  EXPECT_EQ(one("@T10:30.precision()"), 4);
  EXPECT_EQ(one("'abc'.precision()"), "<0 items>");
}

TEST(DecimalPrecision, JsonInputHasNoSpellingToKeep) {
  // nlohmann::json keeps no spelling of numbers, so input decimals print in their shortest form.
  EXPECT_EQ(one("value.toString()", json{{"value", 1.50}}), "1.5");
}

}  // namespace
