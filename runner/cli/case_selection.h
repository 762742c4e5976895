#pragma once
// The filter options `run` and `list` share, and loading + selecting cases with them.

#include <optional>
#include <string>
#include <vector>

#include "runner/cli/data_location.h"
#include "runner/suite/selection.h"
#include "runner/suite/suite_loader.h"

namespace CLI {
class App;
}

namespace gpc::cli {

struct FilterArgs {
  std::vector<std::string> suites, tags, excludeTags, cases;
  Selection selection() const;
};

// Adds --suite, --tag, --exclude-tag and --case to a command.
void addFilterOptions(CLI::App& command, FilterArgs& args);

struct SelectedCases {
  DataDirs dirs;
  Selection selection;
  std::vector<Case> cases;  // in suite/case order
  std::vector<std::string> endpointGroups;  // what a target may list (endpointGroups of the interactions)
};

// Locates the data, loads every suite and applies the filters. Throws gpc::LoadError for a bad
// suite file, std::runtime_error for missing data or when no case matches ("no case matches
// the filters --tag x (N cases loaded from DIR)"): a run of nothing is never a pass.
SelectedCases loadSelectedCases(const FilterArgs& filters, const std::optional<std::string>& suitesDir);

}  // namespace gpc::cli
