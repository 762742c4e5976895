#include "runner/cli/app.h"

#include "gpc/build_paths.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "runner/cli/assurance_commands.h"
#include "runner/cli/faults_command.h"
#include "runner/cli/list_command.h"
#include "runner/cli/load_command.h"
#include "runner/cli/engine_commands.h"
#include "runner/cli/run_command.h"
#include "runner/cli/serve_command.h"
#include "runner/cli/suggestions.h"
#include "runner/cli/target_command.h"

namespace gpc::cli {

namespace {

// Every command registered on the program, with the storage its parsed arguments land in.
struct Commands {
  std::unique_ptr<CLI::App> app =
      std::make_unique<CLI::App>("gpc-assure: conformance and assurance harness for GP Connect provider APIs", "gpc-assure");
  RunArgs runArgs;
  ListArgs listArgs;
  ServeArgs serveArgs;
  FaultsArgs faultsArgs;
  std::vector<PendingCommand> engineCommands;

  Commands() {
    app->set_version_flag("--version", std::string("gpc-assure ") + GPC_VERSION);
    app->require_subcommand(1);
    app->fallthrough(false);
    addRunCommand(*app, runArgs);
    addListCommand(*app, listArgs);
    addServeCommand(*app, serveArgs);
    addFaultsCommand(*app, faultsArgs);
    engineCommands = addEngineCommands(*app);
    engineCommands.push_back(addLoadCommand(*app));
    for (auto& command : addAssuranceCommands(*app)) engineCommands.push_back(std::move(command));
    for (auto& command : addTargetCommands(*app)) engineCommands.push_back(std::move(command));
  }
};

}  // namespace

CommandSpec describeCommandLine() {
  const Commands commands;
  return describeCommand(*commands.app);
}

int runApp(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Commands commands;
  CLI::App& app = *commands.app;
  const RunArgs& runArgs = commands.runArgs;
  const ListArgs& listArgs = commands.listArgs;
  const ServeArgs& serveArgs = commands.serveArgs;
  const FaultsArgs& faultsArgs = commands.faultsArgs;
  const std::vector<PendingCommand>& engineCommands = commands.engineCommands;

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    // Name the program, then say what a mistyped subcommand or option probably meant.
    err << "gpc-assure: " << e.what() << "\n" << suggestionsFor(app, argc > 1 ? argv[1] : "") << "Run with --help for more information.\n";
    return 2;
  }

  if (app.got_subcommand("run")) return runRunCommand(runArgs, out, err);
  if (app.got_subcommand("list")) return runListCommand(listArgs, out, err);
  if (app.got_subcommand("serve")) return runServeCommand(serveArgs, out, err);
  if (app.got_subcommand("faults")) return runFaultsCommand(faultsArgs, out);
  for (const auto& command : engineCommands)
    if (command.command->parsed()) return command.run(out, err);
  err << "gpc-assure: no command given (try --help)\n";
  return 2;
}

}  // namespace gpc::cli
