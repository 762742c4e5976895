#pragma once
// Commands whose engine lives in another area and is wired in only when that area has built
// it (CMake defines GPC_HAVE_VALIDATE_COMMAND / GPC_HAVE_COVERAGE_COMMAND): `validate`
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

// Adds whichever optional commands are available; their argument storage lives in the
// returned closures.
std::vector<PendingCommand> addOptionalCommands(CLI::App& app);

}  // namespace gpc::cli
