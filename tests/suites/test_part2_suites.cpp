// The part-2 suites (Access Record Structured, Access Document, Access Record HTML) against the
// embedded reference provider: every case passes apart from the listed provider divergences (each
// a provider bug by the spec), each records/documents/HTML fault switch makes a passing case fail,
// and the part-2 categories of the official suite are at least 95% accounted for.
#include <gtest/gtest.h>

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
#include "runner/coverage/coverage.h"
#include "runner/exec/case_executor.h"
#include "runner/http/curl_transport.h"
#include "runner/suite/suite_loader.h"
#include "runner/target/target.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GPC_SOURCE_DIR;
const fs::path kTsv = fs::path(GPC_SHARED_DIR) / "reference" / "official-scenarios.tsv";

bool isPart2(const gpc::CaseInfo& info) {
  for (const char* dir : {"suites/structured/", "suites/documents/", "suites/html/"})
    if (info.suiteFile.rfind(dir, 0) == 0) return true;
  return false;
}

// Cases the reference provider fails today because it breaks a spec rule (not because the case is
// wrong). Each must still fail: fixing the provider makes this test demand the entry's removal.
const std::map<std::string, std::string> kProviderDivergences = {
};

// The reference provider's faults in the record areas (provider/records).
const std::vector<std::string> kPart2Faults = {
    "bundle-id-not-trace-id", "dangling-reference", "list-empty-reason-missing", "list-code-wrong",
    "no-warning-code", "bundle-fullurl-present", "forward-compat-rejected", "medication-date-filter-wrong",
    "html-column-order-wrong", "html-script", "html-entity", "binary-oversize-served",
    "documents-include-not-required"};

const std::vector<std::string> kPart2Categories = {"structured", "documents", "html-view"};

class Part2SuitesAgainstProvider : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto set = gpc::loadSuites(kRoot / "suites");
    for (auto& c : set.cases)
      if (isPart2(c.info) && c.skip.empty()) cases().push_back(std::move(c));
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

TEST_F(Part2SuitesAgainstProvider, EveryPart2CasePassesAgainstTheConformantProvider) {
  ASSERT_GT(baseline().size(), 300u);
  std::ostringstream unexpected;
  std::set<std::string> failing;
  for (const auto& r : baseline()) {
    if (r.verdict == gpc::Verdict::Passed) continue;
    failing.insert(r.info.id);
    if (kProviderDivergences.count(r.info.id)) continue;
    unexpected << "\n  " << gpc::toString(r.verdict) << " " << r.info.id << " (" << r.info.suiteFile << "): " << r.reason;
  }
  EXPECT_TRUE(unexpected.str().empty()) << "cases that do not pass:" << unexpected.str();
  for (const auto& [id, why] : kProviderDivergences)
    EXPECT_TRUE(failing.count(id)) << id << " passes now (" << why << " was fixed?): remove it from the list";
}

TEST_F(Part2SuitesAgainstProvider, EachRecordFaultMakesAPassingCaseFail) {
  std::set<std::string> known;
  for (const auto& f : gpc::provider::knownFaults()) known.insert(f.name);
  std::vector<const gpc::Case*> passing;
  for (const auto& r : baseline())
    if (r.verdict == gpc::Verdict::Passed)
      for (const auto& c : cases())
        if (c.info.id == r.info.id) passing.push_back(&c);
  for (const auto& fault : kPart2Faults) {
    if (!known.count(fault)) {
      ADD_FAILURE() << "fault " << fault << " is no longer known to the reference provider";
      continue;
    }
    auto results = run({fault}, passing, true);
    bool caught = false;
    for (const auto& r : results) caught |= r.verdict == gpc::Verdict::Failed;
    EXPECT_TRUE(caught) << "no passing part-2 case fails with fault " << fault;
  }
}

TEST(Part2SuiteTraceability, Part2CategoriesAreAtLeast95PercentAccountedFor) {
  if (!fs::exists(kTsv)) GTEST_SKIP() << "official scenario list absent: " << kTsv;
  using namespace gpc::coverage;
  auto report = computeCoverage(loadOfficialScenarios(kTsv), readSuiteTraces(kRoot / "suites").cases,
                                loadNotApplicable(kRoot / "suites" / "official-not-applicable.reasons"),
                                kPart2Categories);
  for (const auto& c : report.categories)
    EXPECT_GE(c.accountedPercent(), 95.0) << c.category << ": " << c.count(Status::NotCovered)
                                          << " official scenario(s) neither covered nor reasoned not applicable";
}

}  // namespace
