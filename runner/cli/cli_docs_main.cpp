// gpc_cli_docs DIR: writes the bash and zsh completion files and the man page under DIR (as
// bash-completion/completions/gpc-assure, zsh/site-functions/_gpc-assure, man/man1/gpc-assure.1)
// from the command tree gpc-assure itself parses with. Run by the build; installed by CMake.
#include "gpc/build_paths.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "runner/cli/app.h"
#include "runner/cli/man_page.h"
#include "runner/cli/shell_completion.h"

namespace {

bool write(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (out.flush()) return true;
  std::cerr << "gpc_cli_docs: cannot write " << file.string() << '\n';
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: gpc_cli_docs DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const auto tree = gpc::cli::describeCommandLine();
  const bool written = write(dir / "bash-completion" / "completions" / "gpc-assure", gpc::cli::bashCompletion(tree)) &&
                       write(dir / "zsh" / "site-functions" / "_gpc-assure", gpc::cli::zshCompletion(tree)) &&
                       write(dir / "man" / "man1" / "gpc-assure.1", gpc::cli::manPage(tree, GPC_VERSION));
  return written ? 0 : 1;
}
