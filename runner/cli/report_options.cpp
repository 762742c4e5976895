#include "runner/cli/report_options.h"

#include <CLI/CLI.hpp>

#include "runner/cli/suggestions.h"

namespace gpc::cli {

namespace {

std::string reportListHelp(const reporters::ReporterRegistry& registry) {
  std::string help = "Reports to write, comma-separated NAME or NAME=FILE (FILE instead of OUT/<default name>):";
  std::string defaults;
  for (const auto& entry : registry.entries()) {
    help += "\n  " + entry.name + ": " + entry.summary + " (" + entry.defaultFileName.string() + ")";
    if (entry.byDefault) defaults += (defaults.empty() ? "" : ",") + entry.name;
  }
  return help + "\n  default: " + defaults;
}

// The reporters writing `file`, for its option's help: "junit.xml (junit, junit-strict)".
std::string fileOptionHelp(const reporters::ReporterRegistry& registry, const std::string& file) {
  std::string names, fileName;
  for (const auto& entry : registry.entries()) {
    if (entry.file != file) continue;
    names += (names.empty() ? "" : ", ") + entry.name;
    fileName = entry.defaultFileName.string();
  }
  return "Where the " + names + " report goes (instead of OUT/" + fileName + ")";
}

}  // namespace

void addReportOptions(CLI::App& run, ReportArgs& args, const reporters::ReporterRegistry& registry) {
  std::string defaultNames;
  for (const auto& entry : registry.entries())
    if (entry.byDefault) defaultNames += (defaultNames.empty() ? "" : ", ") + entry.defaultFileName.string();
  run.add_option("--out", args.outDir, "Report directory for " + defaultNames)
      ->envname("GPC_ASSURE_OUT")
      ->capture_default_str();
  // std::map nodes stay put, so each option can bind to its own element.
  for (const auto& file : registry.files())
    run.add_option("--" + file, args.fileOptions[file], fileOptionHelp(registry, file));
  run.add_option("--report", args.spec, reportListHelp(registry));
  run.add_option("--evidence", args.evidence,
                 "HTML evidence: failed (full requests and responses for failed and errored cases, one line per "
                 "exchange for the others) or all")
      ->check(CLI::IsMember({"all", "failed"}))
      ->capture_default_str();
}

reporters::HtmlEvidence htmlEvidence(const ReportArgs& args) {
  try {
    return reporters::parseHtmlEvidence(args.evidence);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("--evidence " + args.evidence + ": " + e.what());
  }
}

reporters::ReportLocations reportLocations(const ReportArgs& args) {
  reporters::ReportLocations locations{args.outDir, {}};
  for (const auto& [file, path] : args.fileOptions)
    if (path) locations.fileOptions.emplace(file, *path);
  return locations;
}

std::vector<reporters::PlannedReport> planRunReports(const ReportArgs& args, const reporters::ReporterRegistry& registry) {
  const std::string option = args.spec ? "--report " + *args.spec + ": " : "";
  try {
    return reporters::planReports(registry, args.spec, reportLocations(args));
  } catch (const reporters::UnknownReporterError& e) {
    std::string message = option + e.what();
    if (const auto match = closestMatch(e.name(), e.known())) message += "; did you mean '" + *match + "'?";
    throw std::invalid_argument(message);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(option + e.what());
  }
}

}  // namespace gpc::cli
