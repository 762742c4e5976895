// The part-1 suites against the embedded reference provider: every case passes against the
// conformant provider (apart from the provider divergences listed below, each a provider bug by
// the spec), and each fault switch in the part-1 area makes a case that passed fail
// (a Failed check, not an Errored case: the suite catches the fault, it does not trip on it).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "provider/reference_provider.h"
#include "tests/suites/provider_run.h"
#include "runner/checks/fhir_services.h"
#include "runner/exec/case_executor.h"
#include "runner/http/curl_transport.h"
#include "runner/suite/suite_loader.h"
#include "runner/target/target.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GPC_SOURCE_DIR;

bool isPart1(const gpc::CaseInfo& info) {
  for (const char* dir : {"suites/foundations/", "suites/security/", "suites/http/", "suites/format/",
                          "suites/errors/", "suites/branch-surgery/"})
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


class SuitesAgainstProvider : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto set = gpc::loadSuites(kRoot / "suites");
    for (auto& c : set.cases)
      if (isPart1(c.info) && c.skip.empty()) cases().push_back(std::move(c));
    fhir() = gpc::makeFhirServices((kRoot / "profiles").string());
    std::vector<const gpc::Case*> all;
    for (const auto& c : cases()) all.push_back(&c);
    baseline() = run({}, all, false);
  }
  static void TearDownTestSuite() { fhir().reset(); }

  static std::vector<gpc::Case>& cases() { static std::vector<gpc::Case> c; return c; }
  static std::unique_ptr<gpc::FhirServices>& fhir() { static std::unique_ptr<gpc::FhirServices> f; return f; }
  static std::vector<gpc::CaseResult>& baseline() { static std::vector<gpc::CaseResult> b; return b; }

  static std::vector<gpc::CaseResult> run(const std::set<std::string>& faults,
                                          const std::vector<const gpc::Case*>& chosen, bool stopAtFailure) {
    return gpc::suitetest::runAgainstReferenceProvider(kRoot, *fhir(), faults, chosen, stopAtFailure);
  }
};

TEST_F(SuitesAgainstProvider, EveryPart1CasePassesAgainstTheConformantProvider) {
  ASSERT_GT(baseline().size(), 300u);
  std::ostringstream unexpected;
  std::set<std::string> failing;
  for (const auto& r : baseline()) {
    if (r.verdict == gpc::Verdict::Passed) continue;
    failing.insert(r.info.id);
    if (kProviderDivergences.count(r.info.id)) continue;
    unexpected << "\n  " << gpc::toString(r.verdict) << " " << r.info.id << " (" << r.info.suiteFile
               << "): " << r.reason;
  }
  EXPECT_TRUE(unexpected.str().empty()) << "cases that do not pass:" << unexpected.str();
  for (const auto& [id, why] : kProviderDivergences)
    EXPECT_TRUE(failing.count(id)) << id << " passes now (" << why << " was fixed?): remove it from the list";
  std::cout << "[ baseline ] " << baseline().size() << " cases, " << failing.size() << " not passing: "
            << kProviderDivergences.size() << " listed provider divergences\n";
}

TEST_F(SuitesAgainstProvider, EachPart1FaultMakesAPassingCaseFail) {
  std::set<std::string> known;
  for (const auto& f : gpc::provider::knownFaults()) known.insert(f.name);
  // Cases that pass without faults, interleaved across suites so every kind of check comes early.
  std::map<std::string, std::vector<const gpc::Case*>> bySuite;
  for (const auto& r : baseline())
    if (r.verdict == gpc::Verdict::Passed)
      for (const auto& c : cases())
        if (c.info.id == r.info.id) bySuite[c.info.suiteId].push_back(&c);
  std::vector<const gpc::Case*> interleaved;
  for (std::size_t i = 0, added = 1; added; ++i) {
    added = 0;
    for (auto& [suite, list] : bySuite)
      if (i < list.size()) interleaved.push_back(list[i]), ++added;
  }
  for (const auto& fault : kPart1Faults) {
    if (!known.count(fault)) {
      ADD_FAILURE() << "fault " << fault << " is no longer known to the reference provider";
      continue;
    }
    auto results = run({fault}, interleaved, true);
    auto caught = std::find_if(results.begin(), results.end(),
                               [](const gpc::CaseResult& r) { return r.verdict == gpc::Verdict::Failed; });
    EXPECT_NE(caught, results.end()) << "no passing part-1 case fails with fault " << fault;
    if (caught != results.end())
      std::cout << "[ caught   ] " << fault << " by " << caught->info.id << ": " << caught->reason << "\n";
  }
}

}  // namespace
