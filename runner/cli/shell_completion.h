#pragma once
// bash and zsh completion scripts for gpc-assure, written from the command tree
// (runner/cli/command_tree.h) at build time and installed by CMake (docs/cli.md, Shell completion).

#include <string>

#include "runner/cli/command_tree.h"

namespace gpc::cli {

// For bash-completion (share/bash-completion/completions/gpc-assure).
std::string bashCompletion(const CommandSpec& root);
// For zsh's fpath (share/zsh/site-functions/_gpc-assure).
std::string zshCompletion(const CommandSpec& root);

}  // namespace gpc::cli
