#pragma once
// `gpc-assure faults [--format text|json]`: the reference provider's fault switches.

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace gpc::cli {

struct FaultsArgs {
  std::string format = "text";  // json: [{"name", "description", "rule"}] in knownFaults() order
};

void addFaultsCommand(CLI::App& app, FaultsArgs& args);
int runFaultsCommand(const FaultsArgs& args, std::ostream& out);

}  // namespace gpc::cli
