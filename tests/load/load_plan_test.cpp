#include "runner/load/load_plan.h"

#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include "runner/core/load_error.h"
#include "runner/suite/suite_loader.h"

namespace gpc::load {
namespace {

const std::filesystem::path kRoot = GPC_SOURCE_DIR;

struct Fixture {
  SuiteSet suites = loadSuites(kRoot / "suites");
  Target target = loadTarget(kRoot / "fixtures" / "targets" / "reference.json");
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

std::string planError(const std::string& json) {
  try {
    planMix(parseLoadProfile(json, "p.json"), fixture().suites.cases, fixture().target);
  } catch (const LoadError& e) {
    return e.what();
  }
  return "";
}

TEST(LoadPlan, UnknownCaseSuggestsTheNearestId) {
  const std::string e = planError(R"({"mix": [{"case": "FND-PAT-SRCH-07"}]})");
  EXPECT_NE(e.find("p.json: /mix/0/case: no suite has a case \"FND-PAT-SRCH-07\""), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean"), std::string::npos) << e;
}

TEST(LoadPlan, PatientsBindTheCasesOwnPatient) {
  const auto plan = planMix(parseLoadProfile(R"({"mix": [{"case": "FND-PAT-SRCH-007", "patients": ["patient3", "patient4"]}]})", "p.json"),
                            fixture().suites.cases, fixture().target);
  ASSERT_EQ(plan.size(), 1u);
  ASSERT_EQ(plan[0].targets.size(), 2u);
  const auto& patients = fixture().target.tree["patients"];
  EXPECT_EQ(plan[0].targets[0].tree["patients"]["patient2"], patients["patient3"]);
  EXPECT_EQ(plan[0].targets[1].tree["patients"]["patient2"], patients["patient4"]);
  EXPECT_NE(planError(R"({"mix": [{"case": "FND-PAT-SRCH-007", "patients": ["patient99"]}]})").find("/mix/0/patients/0"),
            std::string::npos);
}

TEST(LoadPlan, UnvalidatedVariantDropsOnlyValidation) {
  const auto plan = planMix(parseLoadProfile(R"({"mix": [{"case": "FND-PAT-READ-001"}]})", "p.json"), fixture().suites.cases,
                            fixture().target);
  ASSERT_EQ(plan.size(), 1u);
  const auto& full = plan[0].validated.steps.back().expect;
  const auto& light = plan[0].unvalidated.steps.back().expect;
  EXPECT_TRUE(full.contains("validate"));
  EXPECT_FALSE(light.contains("validate"));
  EXPECT_EQ(full.at("fhirpath"), light.at("fhirpath"));
}

}  // namespace
}  // namespace gpc::load
