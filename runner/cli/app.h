#pragma once
// The gpc-assure command line: parses argv with CLI11 and dispatches to one command.

#include <iosfwd>

namespace gpc::cli {

// Exit status of the command; usage errors (unknown option, bad value) are 2, --help and
// --version are 0.
int runApp(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace gpc::cli
