#pragma once
// The fixture both suite-part tests share: one part's cases, run once against the conformant
// reference provider as the baseline, then again with faults switched on.

#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "runner/checks/fhir_services.h"
#include "runner/suite/suite_loader.h"
#include "provider/reference_provider.h"
#include "tests/suites/provider_run.h"

namespace gpc::suitetest {

// Part supplies `static bool selects(const CaseInfo&)`.
template <typename Part>
class PartAgainstProvider : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto set = loadSuites(root() / "suites");
    for (auto& c : set.cases)
      if (Part::selects(c.info) && c.skip.empty()) cases().push_back(std::move(c));
    fhir() = makeFhirServices((root() / "profiles").string());
    std::vector<const Case*> all;
    for (const auto& c : cases()) all.push_back(&c);
    baseline() = run({}, all, false);
  }
  static void TearDownTestSuite() { fhir().reset(); }

  static std::filesystem::path root() { return GPC_SOURCE_DIR; }
  static std::vector<Case>& cases() { static std::vector<Case> c; return c; }
  static std::unique_ptr<FhirServices>& fhir() { static std::unique_ptr<FhirServices> f; return f; }
  static std::vector<CaseResult>& baseline() { static std::vector<CaseResult> b; return b; }

  static std::vector<CaseResult> run(const std::set<std::string>& faults, const std::vector<const Case*>& chosen,
                                     bool stopAtFailure) {
    return runAgainstReferenceProvider(root(), *fhir(), faults, chosen, stopAtFailure);
  }

  // The baseline's passing cases, in baseline order.
  static std::vector<const Case*> passingCases() {
    std::map<std::string, const Case*> byId;
    for (const auto& c : cases()) byId[c.info.id] = &c;
    std::vector<const Case*> out;
    for (const auto& r : baseline())
      if (r.verdict == Verdict::Passed) out.push_back(byId.at(r.info.id));
    return out;
  }

  // Every baseline case passes except the listed provider divergences, and each listed one still
  // fails (so a provider fix forces the list to shrink).
  static void expectBaselinePassesExcept(const std::map<std::string, std::string>& divergences) {
    std::ostringstream unexpected;
    std::set<std::string> failing;
    for (const auto& r : baseline()) {
      if (r.verdict == Verdict::Passed) continue;
      failing.insert(r.info.id);
      if (divergences.count(r.info.id)) continue;
      unexpected << "\n  " << toString(r.verdict) << " " << r.info.id << " (" << r.info.suiteFile << "): " << r.reason;
    }
    EXPECT_TRUE(unexpected.str().empty()) << "cases that do not pass:" << unexpected.str();
    for (const auto& [id, why] : divergences)
      EXPECT_TRUE(failing.count(id)) << id << " passes now (" << why << " was fixed?): remove it from the list";
  }

  // Each fault makes at least one of `passing` fail (a Failed check, not an Errored case: the
  // suite catches the fault rather than tripping on it). Returns fault -> the case that caught it.
  static std::map<std::string, CaseResult> expectEachFaultCaught(const std::vector<std::string>& faults,
                                                                 const std::vector<const Case*>& passing) {
    std::set<std::string> known;
    for (const auto& f : provider::knownFaults()) known.insert(f.name);
    std::map<std::string, CaseResult> caughtBy;
    for (const auto& fault : faults) {
      if (!known.count(fault)) {
        ADD_FAILURE() << "fault " << fault << " is no longer known to the reference provider";
        continue;
      }
      for (auto& r : run({fault}, passing, true))
        if (r.verdict == Verdict::Failed) {
          caughtBy.emplace(fault, std::move(r));
          break;
        }
      EXPECT_TRUE(caughtBy.count(fault)) << "no passing case fails with fault " << fault;
    }
    return caughtBy;
  }
};

}  // namespace gpc::suitetest
