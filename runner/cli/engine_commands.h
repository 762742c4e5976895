#pragma once
// Commands that are thin faces over an engine living in another area: `validate`
// (runner/fhir) and `coverage` (runner/coverage).

#include <functional>
#include <iosfwd>
#include <vector>

namespace CLI {
class App;
}

namespace gpc::cli {

// A registered command: its parsed CLI11 subcommand and how to run it after parsing.
struct PendingCommand {
  CLI::App* command = nullptr;
  std::function<int(std::ostream& out, std::ostream& err)> run;
};

// Adds the engine commands; their argument storage lives in the returned closures.
std::vector<PendingCommand> addEngineCommands(CLI::App& app);

}  // namespace gpc::cli
