#pragma once
// `gpc-assure load`: drives a load profile's request mix against a target at a rate (open
// model, ramps, soaks) or a concurrency (closed model), holds every response to its case's
// expectations and every interaction to the GP Connect volume and performance limits, and
// writes load.json and load.html (docs/load.md). `--export k6|curl` writes the mix for other tools.

#include <CLI/CLI.hpp>

#include "runner/cli/engine_commands.h"

namespace gpc::cli {

// 0: every limit and the error budget held; 1: one broke; 2: usage, profile or target error;
// 130/143: interrupted (the results of what ran are still written).
PendingCommand addLoadCommand(CLI::App& app);

}  // namespace gpc::cli
