#include "runner/cli/faults_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

#include "provider/reference_provider.h"

namespace gpc::cli {

void addFaultsCommand(CLI::App& app, FaultsArgs& args) {
  CLI::App* faults = app.add_subcommand("faults", "List the reference provider's fault switches (for run/serve --fault)");
  faults->add_option("--format", args.format, "Output format (json: for scripts choosing faults)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

int runFaultsCommand(const FaultsArgs& args, std::ostream& out) {
  const auto& faults = provider::knownFaults();
  if (args.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : faults) list.push_back({{"name", f.name}, {"description", f.description}, {"rule", f.rule}});
    out << list.dump(2) << '\n';
    return 0;
  }
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
