// gpc-assure: see docs/cli.md.
#include <iostream>

#include "runner/cli/app.h"

int main(int argc, char** argv) { return gpc::cli::runApp(argc, argv, std::cout, std::cerr); }
