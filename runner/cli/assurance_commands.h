#pragma once
// Commands over reports already written (docs/cli.md): `verify-report` checks a signed report set,
// `diff` compares two runs' JSON reports.

#include <vector>

#include "runner/cli/engine_commands.h"

namespace gpc::cli {

std::vector<PendingCommand> addAssuranceCommands(CLI::App& app);

}  // namespace gpc::cli
