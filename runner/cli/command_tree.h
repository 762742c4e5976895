#pragma once
// The command line as data (every command, option, value and description, read from the CLI11
// definitions `runApp` parses with), so the completion files and the man page are generated
// from the same definitions and cannot drift from them.

#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gpc::cli {

struct OptionSpec {
  std::vector<std::string> names;  // "--jobs", "-j"; empty for a positional
  std::string positional;          // "FILE" for a positional, else ""
  std::string description;
  bool takesValue = false;         // false: a flag
  bool repeatable = false;
  std::vector<std::string> choices;  // the values an IsMember check allows, else empty
  bool numeric = false;              // INT/UINT/FLOAT: nothing to complete
  std::string envVar;                // GPC_ASSURE_TARGET, ...
};

struct CommandSpec {
  std::vector<std::string> path;  // {} for the program, {"target", "check"}
  std::string description;
  std::vector<OptionSpec> options;
  std::vector<CommandSpec> subcommands;
};

// Reads the tree below `app` (help and version options included, as users can type them).
CommandSpec describeCommand(const CLI::App& app, std::vector<std::string> path = {});

// Every command of the tree, depth first, the program itself first.
std::vector<const CommandSpec*> allCommands(const CommandSpec& root);

// "--jobs" and "-j" style names of every option of `app`.
std::vector<std::string> optionNames(const CLI::App& app);

}  // namespace gpc::cli
