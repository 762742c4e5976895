#pragma once
// `run`'s report options (docs/cli.md): --out, --report NAME[=FILE],..., the --<file> FILE
// options and --evidence. Every name comes from the reporter registry
// (reporters/reporter_registry.h); nothing here knows which reports exist.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reporters/report_plan.h"
#include "reporters/reporter_registry.h"

namespace CLI {
class App;
}

namespace gpc::cli {

struct ReportArgs {
  std::string outDir = "reports";
  std::optional<std::string> spec;  // --report; none: the registry's default reports
  // --junit FILE, --json FILE, ... keyed by ReporterEntry::file.
  std::map<std::string, std::optional<std::string>> fileOptions;
  std::string evidence = "failed";  // --evidence: HTML evidence of passing cases (all|failed)
};

void addReportOptions(CLI::App& run, ReportArgs& args, const reporters::ReporterRegistry& registry);

// Checked before anything runs. Throws std::invalid_argument naming the option, e.g.
// "--report junit,jsno: unknown report 'jsno' (known: ...); did you mean 'json'?".
std::vector<reporters::PlannedReport> planRunReports(const ReportArgs& args, const reporters::ReporterRegistry& registry);

// --evidence; throws std::invalid_argument naming the option.
reporters::HtmlEvidence htmlEvidence(const ReportArgs& args);

// Where --out, the --<file> options put reports not given a path by --report.
reporters::ReportLocations reportLocations(const ReportArgs& args);

}  // namespace gpc::cli
