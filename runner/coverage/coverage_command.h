#pragma once
// `gpc-assure coverage`: how much of the official suite gpc-assure's suites trace to.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace gpc::coverage {

struct CoverageArgs {
  std::filesystem::path officialTsv;   // official-scenarios.tsv
  std::filesystem::path suitesDir;     // the suites root (suites/)
  std::filesystem::path notApplicable; // empty: <suitesDir>/official-not-applicable.reasons (JSON) if present
  std::vector<std::string> categories; // empty: every category
  std::string format = "text";         // "text" or "markdown"
  std::optional<double> minPercent;    // fail (exit 1) when a selected category accounts for less
};

// Exit codes: 0 done; 1 the suites name unknown scenarios, a reason names no scenario, a suite
// file cannot be read, or a category is below minPercent; 2 bad arguments or unreadable input.
int runCoverageCommand(const CoverageArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gpc::coverage
