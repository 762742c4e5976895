#include "runner/cli/faults_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

#include "provider/reference_provider.h"

namespace gpc::cli {

void addFaultsCommand(CLI::App& app) {
  app.add_subcommand("faults", "List the reference provider's fault switches (for run/serve --fault)");
}

int runFaultsCommand(std::ostream& out) {
  const auto& faults = provider::knownFaults();
  std::size_t width = 4;
  for (const auto& f : faults) width = std::max(width, f.name.size());
  for (const auto& f : faults) {
    out << f.name << std::string(width - f.name.size() + 2, ' ') << f.description;
    if (!f.rule.empty()) out << " [" << f.rule << "]";
    out << '\n';
  }
  return 0;
}

}  // namespace gpc::cli
