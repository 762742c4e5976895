#include "runner/cli/case_selection.h"

#include <CLI/CLI.hpp>
#include <stdexcept>

namespace gpc::cli {

Selection FilterArgs::selection() const { return {suites, tags, excludeTags, cases}; }

void addFilterOptions(CLI::App& command, FilterArgs& args) {
  command.add_option("--suite", args.suites, "Suite id or suite file glob (repeatable; any matches)");
  command.add_option("--tag", args.tags, "Only cases with this tag (repeatable; any matches)");
  command.add_option("--exclude-tag", args.excludeTags, "Leave out cases with this tag (repeatable)");
  command.add_option("--case", args.cases, "Case id glob (repeatable; any matches)");
}

SelectedCases loadSelectedCases(const FilterArgs& filters, const std::optional<std::string>& suitesDir) {
  SelectedCases chosen;
  chosen.dirs = locateData(processDataLookup(suitesDir));
  const SuiteSet suites = loadSuites(chosen.dirs.suites);
  chosen.endpointGroups = endpointGroups(suites.interactions);
  chosen.selection = filters.selection();
  chosen.cases = select(suites.cases, chosen.selection);
  if (chosen.cases.empty()) {
    std::string described;
    for (const auto& f : describe(chosen.selection)) described += (described.empty() ? "" : " ") + f;
    if (described.empty()) described = "(none)";
    throw std::runtime_error("no case matches the filters " + described + " (" +
                             std::to_string(suites.cases.size()) + " cases loaded from " +
                             chosen.dirs.suites.string() + ")");
  }
  return chosen;
}

}  // namespace gpc::cli
