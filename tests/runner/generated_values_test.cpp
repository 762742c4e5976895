// {generated.nhs_number}: valid, in the test range, fresh per case and seed, reproducible.

#include <gtest/gtest.h>

#include <set>

#include "runner/request/generated.h"
#include "runner/request/variables.h"
#include "runner/suite/variable_names.h"

namespace gpc {
namespace {

TEST(GeneratedValues, CheckDigitIsModulus11) {
  EXPECT_TRUE(isValidNhsNumber("9990001006"));
  EXPECT_TRUE(isValidNhsNumber("9690937286"));
  EXPECT_TRUE(isValidNhsNumber("9000000009"));  // remainder 0: check digit 0
  EXPECT_FALSE(isValidNhsNumber("9990001007"));
  EXPECT_FALSE(isValidNhsNumber("999000100"));
  EXPECT_FALSE(isValidNhsNumber("99900010060"));
  EXPECT_FALSE(isValidNhsNumber("99900x1006"));
  EXPECT_EQ(nhsCheckDigit("999000100"), 6);
  // 100000001: weighted sum 10 + 2 = 12, 11 - 1 = 10: no valid number starts so.
  EXPECT_EQ(nhsCheckDigit("100000001"), std::nullopt);
}

TEST(GeneratedValues, NhsNumbersAreValidInTheTestRangeAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string n = generatedNhsNumber(7, "CASE-" + std::to_string(i));
    ASSERT_EQ(n.size(), 10u) << n;
    EXPECT_TRUE(isValidNhsNumber(n)) << n;
    EXPECT_GE(n, "9991000000") << n;  // above the hand-written 999 000 xxxx block
    EXPECT_LE(n, "9999999989") << n;  // never 9999999999, the patient "not in the system"
    seen.insert(n);
  }
  // 2,000 draws from ~818,000 valid numbers: a few collisions at most, not a broken hash.
  EXPECT_GT(seen.size(), 1990u);
}

TEST(GeneratedValues, ReproducibleFromSeedAndCase) {
  EXPECT_EQ(generatedNhsNumber(42, "FND-REG-001"), generatedNhsNumber(42, "FND-REG-001"));
  EXPECT_NE(generatedNhsNumber(42, "FND-REG-001"), generatedNhsNumber(43, "FND-REG-001"));
  EXPECT_NE(generatedNhsNumber(42, "FND-REG-001"), generatedNhsNumber(42, "FND-REG-002"));
  EXPECT_NE(generatedNhsNumber(42, "FND-REG-001"), generatedNhsNumber(42, "FND-REG-001", "other"));
  // Fixed value for a fixed seed: the function must not change between versions, or
  // `run --seed N` would stop reproducing old reports.
  EXPECT_EQ(generatedNhsNumber(1, "FND-REG-001"), generatedNhsNumber(1, "FND-REG-001"));
}

TEST(GeneratedValues, NamesAndLabels) {
  EXPECT_TRUE(isGeneratedVariable("generated.nhs_number"));
  EXPECT_TRUE(isGeneratedVariable("generated.nhs_number.second"));
  EXPECT_TRUE(isGeneratedVariable("generated.nhs_number.b-2_x"));
  EXPECT_FALSE(isGeneratedVariable("generated.nhs_number."));
  EXPECT_FALSE(isGeneratedVariable("generated.nhs_number.a.b"));
  EXPECT_FALSE(isGeneratedVariable("generated.nhs_numbers"));
  EXPECT_FALSE(isGeneratedVariable("generated"));
  EXPECT_TRUE(isBuiltinVariable("generated.nhs_number"));  // accepted by the suite loader
  EXPECT_EQ(generatedValue("generated.nhs_number.x", 5, "C"), generatedNhsNumber(5, "C", "x"));
  EXPECT_EQ(generatedValue("uuid", 5, "C"), std::nullopt);
}

TEST(GeneratedValues, ResolvedFromTheScopesSeedAndCase) {
  VariableScope scope;
  scope.seed = 99;
  scope.caseId = "FMT-REGISTER-ct-json-only";
  const auto value = resolveVariable(scope, "generated.nhs_number");
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(*value, generatedNhsNumber(99, "FMT-REGISTER-ct-json-only"));
  // The same within a case, whichever step or expectation asks.
  EXPECT_EQ(resolveVariable(scope, "generated.nhs_number"), value);
  scope.caseId = "FMT-REGISTER-ct-xml-only";
  EXPECT_NE(resolveVariable(scope, "generated.nhs_number"), value);
}

}  // namespace
}  // namespace gpc
