#pragma once
// `gpc-assure merge DIR... --out DIR`: the shard reports of one `run --shard I/N` split joined
// into one report set (JUnit, JSON, HTML, and the signed manifest with --sign-key), the same in
// cases and verdicts as an unsharded run of the selection.

#include "runner/cli/engine_commands.h"

namespace gpc::cli {

// Exit codes as `run`: 0 every merged case passed, 1 one failed or errored, 2 usage, a report
// that cannot be read, shards that overlap or are missing (named), or a report not written.
PendingCommand addMergeCommand(CLI::App& app);

}  // namespace gpc::cli
