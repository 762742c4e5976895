// The project's real suites: every case traces to a spec requirement, names only official
// scenarios that exist, and together they account for >= 95% of the official scenarios in the
// part-1 categories.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "runner/coverage/coverage.h"

namespace fs = std::filesystem;
using namespace gpc::coverage;

namespace {

const fs::path kSuites = fs::path(GPC_SOURCE_DIR) / "suites";
const fs::path kTsv = fs::path(GPC_SHARED_DIR) / "reference" / "official-scenarios.tsv";

// The categories suites part 1 answers for (issue 5).
const std::vector<std::string> kPart1Categories = {
    "headers", "jwt", "http", "ssp", "security", "format", "errors", "profile",
    "branch-surgery", "foundations-read", "foundations-search", "other"};

}  // namespace

TEST(SuiteTraceability, EverySuiteFileReadsAndEveryCaseNamesARequirement) {
  auto traces = readSuiteTraces(kSuites);
  for (const auto& p : traces.problems) ADD_FAILURE() << p;
  ASSERT_FALSE(traces.cases.empty());
  std::set<std::string> ids;
  for (const auto& c : traces.cases) {
    EXPECT_FALSE(c.requirement.empty()) << c.file << ": case " << c.caseId << " names no requirement";
    EXPECT_TRUE(ids.insert(c.caseId).second) << c.file << ": duplicate case id " << c.caseId;
    EXPECT_EQ(c.caseId.find('{'), std::string::npos) << c.file << ": unexpanded id " << c.caseId;
  }
}

TEST(SuiteTraceability, EveryOfficialNameExistsInTheOfficialList) {
  if (!fs::exists(kTsv)) GTEST_SKIP() << "official scenario list absent: " << kTsv;
  auto scenarios = loadOfficialScenarios(kTsv);
  std::set<std::string> known;
  for (const auto& s : scenarios) known.insert(s.reference());
  for (const auto& c : readSuiteTraces(kSuites).cases)
    for (const auto& name : c.official)
      EXPECT_TRUE(known.count(name)) << c.file << ": case " << c.caseId
                                     << " names an unknown official scenario: " << name;
}

TEST(SuiteTraceability, NotApplicableReasonsNameRealScenarios) {
  if (!fs::exists(kTsv)) GTEST_SKIP() << "official scenario list absent: " << kTsv;
  auto report = computeCoverage(loadOfficialScenarios(kTsv), {},
                                loadNotApplicable(kSuites / "official-not-applicable.reasons"), {});
  for (const auto& r : report.unknownReasons) ADD_FAILURE() << "reason matches no scenario: " << r;
}

// Official scenarios the suites name but cannot run yet: the TLS handshake cases need the
// suite format to pick the client TLS identity and expect a refused handshake. Listed here so
// the gap is explicit: a new gap, or one closed without updating this list, fails the test.
const std::set<std::string> kKnownGaps = {
    "Security.feature: Security - Connect with invalid insecure Cipher",
    "Security.feature: Security - Connect with invalid nonexistent Cipher",
    "Security.feature: Security - Connect with invalid secure Cipher",
    "Security.feature: Security - Connect with valid Cipher",
    "Security.feature: Security - Non-SSL to SSL",
    "Security.feature: Security - SSP Client Certificate - Invalid - Authority",
    "Security.feature: Security - SSP Client Certificate - Invalid - Expired",
    "Security.feature: Security - SSP Client Certificate - Invalid - FQDN",
    "Security.feature: Security - SSP Client Certificate - Invalid - Missing",
    "Security.feature: Security - SSP Client Certificate - Invalid - Revoked",
    "Security.feature: Security Expired client certificate sent",
    "Security.feature: Security invalid client certificate sent",
    "Security.feature: Security no client certificate sent",
    "Security.feature: Security reject a  non ssl request",
};

TEST(SuiteTraceability, Part1CategoriesAreAtLeast95PercentAccountedFor) {
  if (!fs::exists(kTsv)) GTEST_SKIP() << "official scenario list absent: " << kTsv;
  auto report = computeCoverage(loadOfficialScenarios(kTsv), readSuiteTraces(kSuites).cases,
                                loadNotApplicable(kSuites / "official-not-applicable.reasons"),
                                kPart1Categories);
  std::set<std::string> uncovered;
  for (const auto& c : report.categories) {
    for (const auto& s : c.scenarios)
      if (s.status == Status::NotCovered) uncovered.insert(s.scenario.reference());
    if (c.category == "security") continue;  // the known TLS gap, checked exactly below
    EXPECT_GE(c.accountedPercent(), 95.0)
        << c.category << ": " << c.count(Status::NotCovered) << " official scenario(s) neither covered "
        << "nor reasoned not applicable (run gpc-assure coverage for the list)";
  }
  EXPECT_EQ(uncovered, kKnownGaps);
  // Even with the TLS gap, the part-1 categories together stay above the target.
  EXPECT_GE(report.total().accountedPercent(), 95.0);
}
