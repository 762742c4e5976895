#pragma once
// The official SpecFlow suite's scenario list (official-scenarios.tsv, one row per scenario):
// what gpc-assure's suites are traced against.

#include <filesystem>
#include <string>
#include <vector>

namespace gpc::coverage {

struct OfficialScenario {
  std::string branch;    // "feature/1.6.0", "release/0.7.3"
  std::string feature;   // "PatientRead.feature"
  std::string title;     // scenario title exactly as in the feature file
  int exampleRows = 0;   // outline example rows (0 for a plain scenario)
  std::string category;  // "headers", "jwt", ...

  // The name suites use in `official`: "PatientRead.feature: Read patient 404 if patient not found".
  std::string reference() const { return feature + ": " + title; }
};

// Reads the TSV (header row: branch, feature_file, scenario_title, outline_example_rows, category).
// Throws std::runtime_error naming the file and line on a malformed row.
std::vector<OfficialScenario> loadOfficialScenarios(const std::filesystem::path& tsv);

}  // namespace gpc::coverage
