#pragma once
// `run --report`: which reporters of a registry a run uses and the file each writes.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reporters/reporter_registry.h"

namespace gpc::reporters {

// One report file of the run.
struct PlannedReport {
  const ReporterEntry* reporter = nullptr;  // in the registry the plan was made from
  std::filesystem::path path;
};

// Where a report goes unless --report NAME=PATH says: a --<file> FILE option (--junit FILE),
// keyed by ReporterEntry::file, else its default file name in outDir.
struct ReportLocations {
  std::filesystem::path outDir;
  std::map<std::string, std::filesystem::path> fileOptions;
};

// `spec` is comma-separated NAME or NAME=PATH entries in any order ("junit,json=ci/run.json");
// none: every byDefault reporter. The plan keeps the registry's order, whatever the spec's.
// Throws UnknownReporterError for a name the registry lacks, std::invalid_argument for an
// empty entry or path, a name given twice, two reporters of one file (junit, junit-strict) or
// two reports given one path.
std::vector<PlannedReport> planReports(const ReporterRegistry& registry, std::optional<std::string_view> spec,
                                       const ReportLocations& locations);

// The folder the signed manifest goes in: that of the holdsManifest reporter's file, written
// or not (report.json's folder: --out, or where --json / --report json=PATH put it).
std::filesystem::path manifestDirectory(const ReporterRegistry& registry, const std::vector<PlannedReport>& plan,
                                        const ReportLocations& locations);

}  // namespace gpc::reporters
