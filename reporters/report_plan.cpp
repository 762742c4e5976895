// `run --report NAME[=PATH],...` read against the registry.

#include "reporters/report_plan.h"

#include <algorithm>
#include <stdexcept>

namespace gpc::reporters {
namespace {

struct Requested {
  const ReporterEntry* reporter;
  std::optional<std::filesystem::path> path;
};

std::vector<Requested> parseSpec(const ReporterRegistry& registry, std::string_view spec) {
  std::vector<Requested> out;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', start), spec.size());
    const std::string_view item = spec.substr(start, comma - start);
    start = comma + 1;
    const std::size_t equals = item.find('=');
    const std::string_view name = item.substr(0, equals);
    if (name.empty()) throw std::invalid_argument("an empty report name");
    Requested r{&registry.at(name), std::nullopt};
    if (equals != std::string_view::npos) {
      const std::string_view path = item.substr(equals + 1);
      if (path.empty()) throw std::invalid_argument("'" + std::string(name) + "=' names no file");
      r.path = std::filesystem::path(path);
    }
    for (const auto& earlier : out) {
      if (earlier.reporter == r.reporter) throw std::invalid_argument("'" + r.reporter->name + "' is named twice");
      // Both would be the one file: say so rather than let one silently win.
      if (earlier.reporter->file == r.reporter->file)
        throw std::invalid_argument("'" + earlier.reporter->name + "' and '" + r.reporter->name +
                                    "' are two shapes of one file; choose one");
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::filesystem::path defaultPath(const ReporterEntry& entry, const ReportLocations& locations) {
  const auto option = locations.fileOptions.find(entry.file);
  return option != locations.fileOptions.end() ? option->second : locations.outDir / entry.defaultFileName;
}

}  // namespace

std::vector<PlannedReport> planReports(const ReporterRegistry& registry, std::optional<std::string_view> spec,
                                       const ReportLocations& locations) {
  std::vector<Requested> requested;
  if (spec) {
    requested = parseSpec(registry, *spec);
  } else {
    for (const auto& entry : registry.entries())
      if (entry.byDefault) requested.push_back({&entry, std::nullopt});
  }
  std::vector<PlannedReport> plan;
  for (const auto& entry : registry.entries()) {
    const auto it = std::find_if(requested.begin(), requested.end(), [&](const auto& r) { return r.reporter == &entry; });
    if (it == requested.end()) continue;
    PlannedReport report{&entry, it->path ? *it->path : defaultPath(entry, locations)};
    for (const auto& earlier : plan)
      if (std::filesystem::weakly_canonical(earlier.path) == std::filesystem::weakly_canonical(report.path))
        throw std::invalid_argument("'" + earlier.reporter->name + "' and '" + entry.name + "' would both write " +
                                    report.path.string());
    plan.push_back(std::move(report));
  }
  return plan;
}

std::filesystem::path manifestDirectory(const ReporterRegistry& registry, const std::vector<PlannedReport>& plan,
                                        const ReportLocations& locations) {
  std::filesystem::path anchor = locations.outDir / "manifest.json";
  for (const auto& entry : registry.entries()) {
    if (!entry.holdsManifest) continue;
    const auto planned = std::find_if(plan.begin(), plan.end(), [&](const auto& p) { return p.reporter == &entry; });
    anchor = planned != plan.end() ? planned->path : defaultPath(entry, locations);
    break;
  }
  return anchor.parent_path().empty() ? std::filesystem::path(".") : anchor.parent_path();
}

}  // namespace gpc::reporters
