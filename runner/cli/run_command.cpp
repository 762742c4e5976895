#include "runner/cli/run_command.h"

#include "gpc/build_paths.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <random>
#include <ostream>
#include <set>

#include "provider/reference_provider.h"
#include "runner/checks/fhir_services.h"
#include "runner/cli/data_location.h"
#include "runner/cli/interrupt_signals.h"
#include "runner/cli/run_preflight.h"
#include "runner/cli/target_choice.h"
#include "reporters/run_reporters.h"
#include "runner/exec/case_executor.h"
#include "runner/http/curl_transport.h"
#include "runner/schedule/scheduler.h"
#include "runner/target/endpoint_groups.h"
#include "runner/target/target.h"
#include "runner/tls/embedded_tls_target.h"
#include "runner/tls/listener_options.h"

namespace gpc::cli {

namespace fs = std::filesystem;

namespace {

TargetChoice targetChoice(const RunArgs& a) { return {a.target, a.baseUrl, a.faults, a.disabledAreas, a.timeoutSeconds, std::nullopt}; }

struct Reports {
  std::vector<std::unique_ptr<Reporter>> owned;
  std::vector<Reporter*> all() const {
    std::vector<Reporter*> out;
    for (const auto& r : owned) out.push_back(r.get());
    return out;
  }
};

// The reporters share one rendering of the canonical JSON (report text and result digest).
Reports makeReports(const RunArgs& args, const DataDirs& dirs, const reporters::ReporterRegistry& registry,
                    const std::vector<reporters::PlannedReport>& plan, reporters::HtmlEvidence evidence,
                    std::ostream& out) {
  reporters::ConsoleOptions console = args.console ? *args.console : reporters::detectConsoleOptions(1, args.noColor);
  console.quiet = console.quiet || args.quiet;
  console.verbose = console.verbose || args.verbose;
  reporters::ReportSettings settings;
  settings.htmlEvidence = evidence;
  settings.assurance = loadAssuranceInputs(
      args.assurance, dirs, reporters::manifestDirectory(registry, plan, reportLocations(args.reports)));
  return Reports{reporters::makeRunReporters(out, console, plan, settings)};
}

// Largest seed a JSON reader in any language reads back exactly (2^53 - 1).
constexpr std::uint64_t kMaxSeed = (std::uint64_t{1} << 53) - 1;

// A random seed when none is given: 32 bits, short enough to copy from a report.
std::uint64_t runSeed(const RunArgs& args) {
  if (args.seed) return *args.seed;
  std::random_device device;
  return device();
}

RunInfo describeRun(const RunArgs& args, const ResolvedTarget& resolved, const Selection& selection,
                    std::uint64_t seed, const ShardInfo& shard) {
  RunInfo info;
  info.seed = seed;
  info.toolVersion = GPC_VERSION;
  info.targetName = resolved.target.name;
  info.targetFile = args.target ? *args.target : "";
  info.endpoints = resolved.target.endpoints;
  info.faults = args.faults;
  info.jobs = args.jobs;
  info.filters = describe(selection);
  info.shard = shard;
  return info;
}

}  // namespace

void addRunCommand(CLI::App& app, RunArgs& args) {
  CLI::App* run = app.add_subcommand("run", "Run the selected cases against a target and write reports");
  // The environment variables let a CI job set the target once for every run step.
  run->add_option("--target", args.target, "Target file (default: the embedded reference provider)")
      ->envname("GPC_ASSURE_TARGET")
      ->check(CLI::ExistingFile);
  run->add_option("--base-url", args.baseUrl, "Replace scheme, host and port of every endpoint, keeping paths")
      ->envname("GPC_ASSURE_BASE_URL");
  addFilterOptions(*run, args.filters);
  addShardOptions(*run, args.shard);
  run->add_option("--jobs,-j", args.jobs, "Cases run concurrently (each case's steps stay in order)")
      ->check(CLI::Range(1, 256));
  run->add_option("--timeout", args.timeoutSeconds, "Per-request total timeout in seconds")
      ->check(CLI::PositiveNumber);
  addReportOptions(*run, args.reports, reporters::standardReporters());
  run->add_option("--fault", args.faults, "Switch on a reference provider fault (repeatable; see `faults`)");
  run->add_option("--disable-area", args.disabledAreas,
                  "Switch a clinical area off in the embedded reference provider, by its parameter name "
                  "(includeMedication ... includeDiaryEntries, DocumentReferences; repeatable)");
  run->add_option("--suites-dir", args.suitesDir, "Suites directory (default: see docs/cli.md)");
  run->add_option("--seed", args.seed,
                  "Seed of generated values such as NHS numbers to register (default: random, shown in the reports)")
      ->check(CLI::Range(std::uint64_t{0}, kMaxSeed));
  run->add_flag("--no-color", args.noColor, "No colour on the console (also: NO_COLOR)");
  CLI::Option* maxFailures =
      run->add_option("--max-failures", args.maxFailures,
                      "Stop starting cases once N have failed or errored; the rest are reported as not run")
          ->check(CLI::PositiveNumber);
  run->add_flag_callback("-x,--exitfirst", [&args] { args.maxFailures = 1; }, "Stop after the first failed or errored case (--max-failures 1)")
      ->excludes(maxFailures);
  run->add_option("--retries", args.retries,
                  "Run a failed or errored case again up to N times; one that then passes is reported flaky, "
                  "its failing attempts kept")
      ->check(CLI::Range(0, 10));
  run->add_flag("--fail-on-flaky", args.failOnFlaky, "Exit 1 when a case passed only on a retry (strict gates)");
  CLI::Option* quiet =
      run->add_flag("--quiet,-q", args.quiet, "Console: only failed and errored cases' one-line verdicts, the failure recap and the totals");
  run->add_flag("--verbose,-v", args.verbose, "Console: every case with every check, passed ones too")->excludes(quiet);
  run->add_flag("--keep-going", args.keepGoing,
                "Run the cases even when the pre-flight cannot connect to an endpoint (each case then errors)");
  addAssuranceOptions(*run, args.assurance);
}

int runRunCommand(const RunArgs& args, std::ostream& out, std::ostream& err) {
  const char* prefix = "gpc-assure run: ";
  try {
    const reporters::ReporterRegistry registry = reporters::standardReporters();
    const std::vector<reporters::PlannedReport> reportPlan = planRunReports(args.reports, registry);
    const reporters::HtmlEvidence evidence = htmlEvidence(args.reports);
    const RunAssurance assurance = loadRunAssurance(args.assurance);  // a bad waiver file: exit 2, nothing sent
    const SelectedCases selected = loadSelectedCases(args.filters, args.suitesDir);
    const DataDirs& dirs = selected.dirs;
    const ShardedCases sharded = applyShard(args.shard, selected.cases);
    const std::vector<Case>& chosen = sharded.cases;
    // Installed before the throwaway PKI exists, so a signal at any point still unwinds through
    // its destructor (the temporary private keys are deleted) and writes the reports.
    schedule::StopControl stop;
    const InterruptSignals signals(stop);
    ResolvedTarget resolved = resolveTarget(targetChoice(args), dirs, selected.endpointGroups);
    http::CurlTransport transport(resolved.target.transport);
    transport.abandonWhen([&stop] { return stop.aborting(); });
    runPreflight(resolved.target, transport, chosen, args.keepGoing, err);
    const std::unique_ptr<FhirServices> fhir = makeFhirServices(dirs.profiles.string());
    const std::uint64_t seed = runSeed(args);
    ExecContext context{resolved.target, transport, *fhir, dirs.fixtures};
    context.seed = seed;

    std::vector<CaseInfo> infos;
    infos.reserve(chosen.size());
    for (const auto& c : chosen) infos.push_back(c.info);
    Reports reports = makeReports(args, dirs, registry, reportPlan, evidence, out);
    RunInfo info = describeRun(args, resolved, selected.selection, seed, sharded.shard);
    assurance.describe(info);
    const schedule::ReportedRun run = schedule::runWithReporters(
        std::move(info), infos,
        [&](const CaseInfo&, std::size_t index) { return executeCase(chosen[index], context); },
        {args.jobs, &stop, args.maxFailures, args.retries,
         [&assurance](CaseResult& result) { assurance.annotate(result); }},  // waivers, after retries
        reports.all());
    out.flush();
    for (const auto& message : run.reporterErrors) err << prefix << message << '\n';
    for (const auto& warning : assurance.warnings(run.result)) err << prefix << "warning: " << warning << '\n';
    if (stop.signal() != 0) {
      err << prefix << run.result.stopped << "; reports written for the cases that ran\n";
      return exitCodeForSignal(stop.signal());
    }
    if (!run.reporterErrors.empty()) return 2;
    const RunSummary& s = run.result.summary;
    return s.failed + s.errored > 0 || (args.failOnFlaky && s.flaky > 0) ? 1 : 0;
  } catch (const std::exception& e) {
    // LoadError already reads "file: /pointer: reason".
    err << prefix << e.what() << '\n';
    return 2;
  }
}

}  // namespace gpc::cli
