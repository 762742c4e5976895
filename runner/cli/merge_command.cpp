#include "runner/cli/merge_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "reporters/reporters.h"
#include "reporters/run_json.h"
#include "reporters/run_reporters.h"
#include "reporters/reporter_registry.h"
#include "runner/cli/assurance_options.h"
#include "runner/cli/data_location.h"
#include "runner/cli/report_options.h"
#include "runner/core/json_input.h"
#include "runner/schedule/shard_merge.h"
#include "runner/suite/suite_loader.h"

namespace gpc::cli {

namespace fs = std::filesystem;

namespace {

struct MergeArgs {
  std::vector<std::string> inputs;  // shard report folders (or their report.json files)
  ReportArgs reports;  // --out (required here), --report, --<file> FILE, --evidence: as `run` has them
  std::optional<std::string> suitesDir;
  bool quiet = false;
  bool noColor = false;
  bool failOnFlaky = false;
  AssuranceArgs assurance;
};

// A folder means its report.json, the file `run --out DIR` wrote there.
schedule::ShardReport readShardReport(const std::string& input) {
  const fs::path file = fs::is_directory(input) ? fs::path(input) / "report.json" : fs::path(input);
  const std::string text = json_input::readFile(file.string(), file.string());
  try {
    return {file.string(), reporters::runResultFromJson(text)};
  } catch (const reporters::JsonReportError& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
}

std::vector<std::string> suiteCaseOrder(const DataDirs& dirs) {
  std::vector<std::string> ids;
  for (const auto& c : loadSuites(dirs.suites).cases) ids.push_back(c.info.id);
  return ids;
}

int runMerge(const MergeArgs& args, std::ostream& out, std::ostream& err) {
  const char* prefix = "gpc-assure merge: ";
  try {
    // The same report names and files as `run`, from the one registry; checked before any input is read.
    const reporters::ReporterRegistry registry = reporters::standardReporters();
    const std::vector<reporters::PlannedReport> plan = planRunReports(args.reports, registry);
    reporters::ReportSettings settings;
    settings.htmlEvidence = htmlEvidence(args.reports);
    std::vector<schedule::ShardReport> shards;
    for (const auto& input : args.inputs) shards.push_back(readShardReport(input));
    const DataDirs dirs = locateData(processDataLookup(args.suitesDir));
    const schedule::MergedRun merged = schedule::mergeShards(std::move(shards), suiteCaseOrder(dirs));
    for (const auto& warning : merged.warnings) err << prefix << "warning: " << warning << '\n';

    reporters::ConsoleOptions console = reporters::detectConsoleOptions(1, args.noColor);
    console.quiet = args.quiet;
    settings.assurance = loadAssuranceInputs(
        args.assurance, dirs, reporters::manifestDirectory(registry, plan, reportLocations(args.reports)));
    const auto views = reporters::makeRunReporters(out, console, plan, settings);
    const RunResult& run = merged.result;
    std::vector<std::string> writeErrors;
    for (const auto& r : views) {
      r->runStarting(run.info, run.summary.total);
      try {
        r->runFinished(run);
      } catch (const std::exception& e) {
        writeErrors.emplace_back(e.what());
      }
    }
    out.flush();
    for (const auto& message : writeErrors) err << prefix << message << '\n';
    if (!writeErrors.empty()) return 2;
    const RunSummary& s = run.summary;
    return s.failed + s.errored > 0 || !run.stopped.empty() || (args.failOnFlaky && s.flaky > 0) ? 1 : 0;
  } catch (const std::exception& e) {
    err << prefix << e.what() << '\n';
    return 2;
  }
}

}  // namespace

PendingCommand addMergeCommand(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand("merge", "Join the reports of the shards of one `run --shard I/N` split into one report set");
  cmd->add_option("DIR", args->inputs, "Shard report folders (each holding report.json), or report.json files")
      ->required()
      ->check(CLI::ExistingPath);
  addReportOptions(*cmd, args->reports, reporters::standardReporters());
  cmd->get_option("--out")->required();  // a merge has no default folder: the shards' are taken
  cmd->add_option("--suites-dir", args->suitesDir, "Suites directory: the order cases are listed in (default: see docs/cli.md)");
  cmd->add_flag("--quiet,-q", args->quiet, "Console: only the failure recap and the totals");
  cmd->add_flag("--no-color", args->noColor, "No colour on the console (also: NO_COLOR)");
  cmd->add_flag("--fail-on-flaky", args->failOnFlaky, "Exit 1 when a case passed only on a retry");
  addAssuranceOptions(*cmd, args->assurance);
  return {cmd, [args](std::ostream& out, std::ostream& err) { return runMerge(*args, out, err); }};
}

}  // namespace gpc::cli
