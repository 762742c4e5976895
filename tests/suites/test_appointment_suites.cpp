// The Appointment Management suites against the embedded reference provider: every case passes
// against the conformant provider, each appointments fault switch makes a passing case fail
// (a Failed check, not an Errored case), the suites pass twice against one provider (the
// bookings they make are cancelled, so a re-run finds free slots again), and every official
// scenario of the appointments category is covered or reasoned not applicable one by one.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "provider/capabilities/appointments/module.h"
#include "runner/coverage/coverage.h"
#include "tests/suites/part_fixture.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GPC_SOURCE_DIR;
const fs::path kTsv = fs::path(GPC_SHARED_DIR) / "reference" / "official-scenarios.tsv";

struct Appointments {
  static bool selects(const gpc::CaseInfo& info) { return info.suiteFile.rfind("suites/appointments/", 0) == 0; }
};
using AppointmentSuitesAgainstProvider = gpc::suitetest::PartAgainstProvider<Appointments>;


TEST_F(AppointmentSuitesAgainstProvider, EveryAppointmentCasePassesAgainstTheConformantProvider) {
  ASSERT_GT(baseline().size(), 50u);
  expectBaselinePassesExcept({});
}

TEST_F(AppointmentSuitesAgainstProvider, EachAppointmentFaultMakesAPassingCaseFail) {
  std::vector<std::string> faults;
  for (const auto& f : gpc::provider::appointments::appointmentsModule().faults()) faults.push_back(f.name);
  ASSERT_GE(faults.size(), 15u);
  for (const auto& [fault, caught] : expectEachFaultCaught(faults, passingCases()))
    std::cout << "[ caught   ] " << fault << " by " << caught.info.id << ": " << caught.reason << "\n";
}

// Both runs go to one provider: the second finds the slots the first booked free again.
TEST_F(AppointmentSuitesAgainstProvider, ASecondRunAgainstTheSameProviderPassesToo) {
  std::vector<const gpc::Case*> all;
  for (const auto& c : cases()) all.push_back(&c);
  const auto twice = gpc::suitetest::runAgainstReferenceProvider(root(), *fhir(), {}, all, false, 2);
  for (const auto& r : twice)
    EXPECT_EQ(r.verdict, gpc::Verdict::Passed) << r.info.id << " (second run): " << r.reason;
}

TEST(AppointmentSuiteTraceability, EveryOfficialAppointmentScenarioIsCoveredOrReasonedOneByOne) {
  if (!fs::exists(kTsv)) GTEST_SKIP() << "official scenario list absent: " << kTsv;
  using namespace gpc::coverage;
  const NotApplicable reasons = loadNotApplicable(kRoot / "suites" / "official-not-applicable.reasons");
  auto report = computeCoverage(loadOfficialScenarios(kTsv), readSuiteTraces(kRoot / "suites").cases, reasons,
                                {"appointments"});
  ASSERT_EQ(report.categories.size(), 1u);
  const auto& category = report.categories.front();
  EXPECT_EQ(category.scenarios.size(), 64u);
  EXPECT_DOUBLE_EQ(category.accountedPercent(), 100.0);
  for (const auto& s : category.scenarios) {
    const std::string key = s.scenario.reference();
    // Not a feature-wide blanket: a scenario is covered by a case or has a reason of its own.
    EXPECT_TRUE(s.status == Status::Covered || reasons.scenarios.count(key)) << key << " is " << toString(s.status);
  }
}

}  // namespace
