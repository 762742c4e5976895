#pragma once
// `gpc-assure faults`: the reference provider's fault switches.

#include <iosfwd>

namespace CLI {
class App;
}

namespace gpc::cli {

void addFaultsCommand(CLI::App& app);
int runFaultsCommand(std::ostream& out);

}  // namespace gpc::cli
