// The part-1 suites against the embedded reference provider: every case passes against the
// conformant provider (apart from the provider divergences listed below, each a provider bug by
// the spec), and each fault switch in the part-1 area makes a case that passed fail
// (a Failed check, not an Errored case: the suite catches the fault, it does not trip on it).
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "tests/suites/part_fixture.h"
#include "runner/suite/suite_loader.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GPC_SOURCE_DIR;

// Foundations (its format and error cases included) and the rules every interaction shares; the
// format cases of the structured and documents metadata endpoints are part 2's, in their folders.
bool isPart1(const gpc::CaseInfo& info) {
  for (const char* dir : {"suites/foundations/", "suites/security/", "suites/http/", "suites/branch-surgery/"})
    if (info.suiteFile.rfind(dir, 0) == 0) return true;
  return false;
}

// Cases the reference provider fails today because it breaks a spec rule (not because the case
// is wrong). Each must still fail: fixing the provider makes this test demand the entry's removal.
const std::map<std::string, std::string> kProviderDivergences = {
};

// The reference provider's faults that break a rule these suites own (records faults belong to
// the part-2 suites).
const std::vector<std::string> kPart1Faults = {
    "no-cache-control", "cache-control-on-success-only", "wrong-content-type", "missing-charset",
    "error-status-swapped", "oo-coding-system-wrong", "oo-missing-display", "oo-severity-not-error",
    "oo-profile-missing", "nhs-number-check-digit", "meta-profile-wrong", "version-id-missing",
    "etag-missing", "no-preferred-branch-surgery", "branch-surgery-is-organization",
    "inactive-patient-returned", "search-returns-fields-not-allowed", "jwt-not-validated",
    "jwt-exp-not-checked", "jwt-scope-not-checked", "ssp-to-not-checked", "interaction-id-not-checked",
    "trace-id-not-checked", "format-param-ignored", "capability-no-xml-format",
    "capability-wrong-fhir-version", "gzip-ignored", "wrong-verb-accepted",
    "register-duplicate-accepted", "location-managing-org-missing"};


struct Part1 {
  static bool selects(const gpc::CaseInfo& info) { return isPart1(info); }
};
using SuitesAgainstProvider = gpc::suitetest::PartAgainstProvider<Part1>;

TEST_F(SuitesAgainstProvider, EveryPart1CasePassesAgainstTheConformantProvider) {
  ASSERT_GT(baseline().size(), 300u);
  expectBaselinePassesExcept(kProviderDivergences);
}

TEST_F(SuitesAgainstProvider, EachPart1FaultMakesAPassingCaseFail) {
  // Passing cases interleaved across suites so every kind of check comes early in a fault run.
  std::map<std::string, std::vector<const gpc::Case*>> bySuite;
  for (const gpc::Case* c : passingCases()) bySuite[c->info.suiteId].push_back(c);
  std::vector<const gpc::Case*> interleaved;
  for (std::size_t i = 0, added = 1; added; ++i) {
    added = 0;
    for (auto& [suite, list] : bySuite)
      if (i < list.size()) interleaved.push_back(list[i]), ++added;
  }
  for (const auto& [fault, caught] : expectEachFaultCaught(kPart1Faults, interleaved))
    std::cout << "[ caught   ] " << fault << " by " << caught.info.id << ": " << caught.reason << "\n";
}

}  // namespace
