#pragma once
// `gpc-assure target check FILE` and `gpc-assure target init [FILE]` (docs/cli.md): a supplier's
// way from nothing to a target file a run can use.

#include <vector>

#include "runner/cli/engine_commands.h"

namespace gpc::cli {

// Adds `target` with its `check` and `init` subcommands; their arguments live in the closures.
std::vector<PendingCommand> addTargetCommands(CLI::App& app);

}  // namespace gpc::cli
