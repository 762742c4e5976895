#pragma once
// `gpc-assure requirements`: the requirement matrix (every requirement the suites cite, the
// cases verifying it, its verdict in a run given by --report) as text or RFC 4180 CSV.

#include "runner/cli/engine_commands.h"

namespace gpc::cli {

PendingCommand addRequirementsCommand(CLI::App& app);

}  // namespace gpc::cli
