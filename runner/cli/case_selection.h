#pragma once
// The filter options `run` and `list` share, and loading + selecting cases with them.

#include <string>
#include <vector>

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

// "no case matches the filters --tag x --suite y (N cases loaded from DIR)".
std::string noMatchMessage(const Selection& selection, std::size_t loaded, const std::string& suitesDir);

}  // namespace gpc::cli
