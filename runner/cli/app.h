#pragma once
// The gpc-assure command line: parses argv with CLI11 and dispatches to one command.

#include <iosfwd>

#include "runner/cli/command_tree.h"

namespace gpc::cli {

// Exit status of the command; usage errors (unknown option, bad value) are 2, --help and
// --version are 0.
int runApp(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// The whole command tree runApp parses (for the completion files and the man page).
CommandSpec describeCommandLine();

}  // namespace gpc::cli
