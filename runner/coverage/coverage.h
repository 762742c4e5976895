#pragma once
// Coverage of the official scenarios by gpc-assure's suites, per category: each official
// scenario is covered (a case names it in `official`), not applicable (with a reason kept in
// suites/official-not-applicable.reasons, JSON not named .json so the suite loader skips it),
// delegated (belongs to another suite area that does not name it yet) or not covered.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "runner/coverage/official_scenarios.h"
#include "runner/coverage/suite_traces.h"

namespace gpc::coverage {

// suites/official-not-applicable.reasons (JSON; not .json so the suite loader does not read it as a suite):
// { "scenarios": { "SSP.feature: SSP - CORS": "reason" },
//   "features":  { "Appointment*.feature": "reason" },           // glob on the feature file name
//   "delegated": { "Structured*.feature": "which area owns it" } }
struct NotApplicable {
  std::map<std::string, std::string> scenarios;  // "Feature.feature: title" -> reason
  std::map<std::string, std::string> features;   // feature glob -> reason
  std::map<std::string, std::string> delegated;  // feature glob -> owning area
};

// Throws std::runtime_error naming the file and JSON path on bad content.
NotApplicable loadNotApplicable(const std::filesystem::path& file);

enum class Status { Covered, NotApplicable, Delegated, NotCovered };
const char* toString(Status s);

struct ScenarioCoverage {
  OfficialScenario scenario;
  Status status = Status::NotCovered;
  std::vector<std::string> caseIds;  // covering cases
  std::string reason;                // not-applicable reason or owning area
};

struct CategoryCoverage {
  std::string category;
  std::vector<ScenarioCoverage> scenarios;
  int count(Status s) const;
  // (covered + not applicable) / (all - delegated), in percent; 100 when nothing is left.
  double accountedPercent() const;
};

struct CoverageReport {
  std::vector<CategoryCoverage> categories;      // in the order asked, else alphabetical
  std::vector<std::string> unknownReferences;    // `official` names not in the list: "name (case id)"
  std::vector<std::string> unknownReasons;       // not-applicable keys matching no scenario
  int suiteCases = 0;
  CategoryCoverage total() const;                // all selected categories together
};

// categories empty: every category in the list.
CoverageReport computeCoverage(const std::vector<OfficialScenario>& scenarios,
                               const std::vector<CaseTrace>& cases, const NotApplicable& reasons,
                               const std::vector<std::string>& categories);

std::string renderText(const CoverageReport& report);
std::string renderMarkdown(const CoverageReport& report);

}  // namespace gpc::coverage
