#pragma once
// Traceability read straight from the suite JSON files: for every expanded case, its
// requirement and the official scenarios it names. Independent of the runner's loader so
// coverage can be computed (and checked in tests) even while a suite fails to load.

#include <filesystem>
#include <string>
#include <vector>

namespace gpc::coverage {

struct CaseTrace {
  std::string file;         // relative to the suites root
  std::string caseId;       // after example expansion
  std::string requirement;  // empty when the case names none
  std::vector<std::string> official;
  std::string skip;         // non-empty: the case is skipped, with this reason
};

struct SuiteTraces {
  std::vector<CaseTrace> cases;
  std::vector<std::string> problems;  // "file: /cases/3: reason" for files or cases it could not read
};

// Files under suitesDir that are not suites (the interactions table, the not-applicable reasons).
bool isSuiteFile(const std::filesystem::path& relative);

// Reads every suite file below suitesDir (sorted by path). Never throws for bad content:
// each problem is recorded with the file and JSON path.
SuiteTraces readSuiteTraces(const std::filesystem::path& suitesDir);

}  // namespace gpc::coverage
