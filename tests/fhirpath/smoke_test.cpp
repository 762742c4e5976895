#include <gtest/gtest.h>

#include "runner/fhir/fhirpath/fhirpath.h"

TEST(FhirPathSmoke, NameGiven) {
  auto doc = nlohmann::json::parse(R"({"resourceType":"Patient","name":[{"given":["A","B"]}]})");
  auto r = gpc::fhirpath::evaluate(gpc::fhirpath::parse("Patient.name.given"), doc);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1], "B");
}
