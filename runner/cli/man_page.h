#pragma once
// gpc-assure(1), written from the command tree (runner/cli/command_tree.h) at build time and
// installed by CMake: every command and option with the description its --help shows.

#include <string>

#include "runner/cli/command_tree.h"

namespace gpc::cli {

// roff source for man(1); `version` goes in the footer.
std::string manPage(const CommandSpec& root, const std::string& version);

}  // namespace gpc::cli
