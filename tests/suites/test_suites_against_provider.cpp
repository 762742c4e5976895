// The part-1 suites against the embedded reference provider: all of them pass against the
// conformant provider, and each fault switch in their area makes at least one case fail
// (a Failed check, not an Errored case: the suite catches the fault, it does not trip on it).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>

#include "provider/reference_provider.h"
#include "runner/checks/fhir_services.h"
#include "runner/exec/case_executor.h"
#include "runner/http/curl_transport.h"
#include "runner/suite/suite_loader.h"
#include "runner/target/target.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GPC_SOURCE_DIR;

// Suite folders of part 1 (issue 5).
bool isPart1(const gpc::CaseInfo& info) {
  for (const char* dir : {"suites/foundations/", "suites/security/", "suites/http/", "suites/format/",
                          "suites/errors/", "suites/branch-surgery/"})
    if (info.suiteFile.rfind(dir, 0) == 0) return true;
  return false;
}

// The reference provider's faults that break a rule these suites own (the records faults
// belong to the part-2 suites).
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
      if (isPart1(c.info) && c.skip.empty()) cases_->push_back(std::move(c));
    fhir_ = gpc::makeFhirServices((kRoot / "profiles").string()).release();
  }
  static void TearDownTestSuite() {
    delete fhir_;
    fhir_ = nullptr;
  }

  // Runs the cases against a fresh provider with `faults`; stops at the first Failed case
  // when asked (enough to prove a fault is caught).
  static std::vector<gpc::CaseResult> run(const std::set<std::string>& faults, bool stopAtFailure) {
    gpc::provider::ProviderOptions options;
    options.fixturesDir = kRoot / "fixtures";
    options.faults = faults;
    gpc::provider::ReferenceProvider provider(options);
    provider.start();
    gpc::Target target = gpc::loadTarget(kRoot / "fixtures" / "targets" / "reference.json");
    gpc::applyBaseUrl(target, provider.rootUrl());
    gpc::http::CurlTransport transport(target.transport);
    const gpc::ExecContext context{target, transport, *fhir_, kRoot / "fixtures"};
    std::vector<gpc::CaseResult> results;
    for (const auto& c : *cases_) {
      results.push_back(gpc::executeCase(c, context));
      if (stopAtFailure && results.back().verdict == gpc::Verdict::Failed) break;
    }
    return results;
  }

  static inline std::vector<gpc::Case>* cases_ = new std::vector<gpc::Case>();
  static inline gpc::FhirServices* fhir_ = nullptr;
};

TEST_F(SuitesAgainstProvider, EveryPart1CasePassesAgainstTheConformantProvider) {
  ASSERT_GT(cases_->size(), 100u);
  auto results = run({}, false);
  std::ostringstream failures;
  int bad = 0;
  for (const auto& r : results) {
    if (r.verdict == gpc::Verdict::Passed) continue;
    ++bad;
    failures << "\n  " << gpc::toString(r.verdict) << " " << r.info.id << " (" << r.info.suiteFile
             << "): " << r.reason;
  }
  EXPECT_EQ(bad, 0) << bad << " of " << results.size() << " cases did not pass:" << failures.str();
}

TEST_F(SuitesAgainstProvider, EachPart1FaultMakesACaseFail) {
  std::set<std::string> known;
  for (const auto& f : gpc::provider::knownFaults()) known.insert(f.name);
  for (const auto& fault : kPart1Faults) {
    if (!known.count(fault)) {
      ADD_FAILURE() << "fault " << fault << " is no longer known to the reference provider";
      continue;
    }
    auto results = run({fault}, true);
    const bool caught = std::any_of(results.begin(), results.end(), [](const gpc::CaseResult& r) {
      return r.verdict == gpc::Verdict::Failed;
    });
    EXPECT_TRUE(caught) << "no part-1 case fails with fault " << fault;
    if (caught) std::cout << "[ caught  ] " << fault << " by " << results.back().info.id << "\n";
  }
}

}  // namespace
