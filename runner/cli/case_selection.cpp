#include "runner/cli/case_selection.h"

#include <CLI/CLI.hpp>

namespace gpc::cli {

Selection FilterArgs::selection() const { return {suites, tags, excludeTags, cases}; }

void addFilterOptions(CLI::App& command, FilterArgs& args) {
  command.add_option("--suite", args.suites, "Suite id or suite file glob (repeatable; any matches)");
  command.add_option("--tag", args.tags, "Only cases with this tag (repeatable; any matches)");
  command.add_option("--exclude-tag", args.excludeTags, "Leave out cases with this tag (repeatable)");
  command.add_option("--case", args.cases, "Case id glob (repeatable; any matches)");
}

std::string noMatchMessage(const Selection& selection, std::size_t loaded, const std::string& suitesDir) {
  std::string filters;
  for (const auto& f : describe(selection)) filters += (filters.empty() ? "" : " ") + f;
  if (filters.empty()) filters = "(none)";
  return "no case matches the filters " + filters + " (" + std::to_string(loaded) + " cases loaded from " +
         suitesDir + ")";
}

}  // namespace gpc::cli
