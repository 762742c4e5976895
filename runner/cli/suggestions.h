#pragma once
// "Did you mean ...?" for a mistyped subcommand or option (`gpc-assure rnu`, `run --jbos 4`).

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gpc::cli {

// The closest of `candidates` to `typed` when it is near enough to be a typo (edit distance at
// most 2, and less than half the word), else nullopt.
std::optional<std::string> closestMatch(const std::string& typed, const std::vector<std::string>& candidates);

// Hint lines for the arguments a failed parse of `app` left over (its own and its subcommands'),
// naming the subcommand or option each probably meant; empty when none is close. Options are
// looked up in the subcommand that was parsed (or every subcommand when none was).
// `firstArgument` (argv[1], or empty) is checked too: CLI11 reports a mistyped command only as
// "A subcommand is required".
std::string suggestionsFor(const CLI::App& app, const std::string& firstArgument);

}  // namespace gpc::cli
