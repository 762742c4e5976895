#include "runner/cli/load_command.h"

#include "gpc/build_paths.h"

#include <unistd.h>

#include <fmt/format.h>

#include <memory>
#include <ostream>
#include <random>

#include "reporters/report_file.h"
#include "reporters/text_safety.h"
#include "runner/checks/fhir_services.h"
#include "runner/cli/case_selection.h"
#include "runner/cli/interrupt_signals.h"
#include "runner/cli/target_choice.h"
#include "runner/http/curl_transport.h"
#include "runner/load/load_engine.h"
#include "reporters/load_page.h"
#include "runner/load/load_plan.h"
#include "runner/load/load_profile.h"
#include "runner/load/request_export.h"

namespace gpc::cli {
namespace {

namespace fs = std::filesystem;

struct LoadArgs {
  TargetChoice target;
  std::optional<std::string> profile;  // default: fixtures/load/default.json
  int concurrency = 0;
  std::string rate, duration;
  std::vector<std::string> ramps;
  std::optional<int> validateEvery;
  std::size_t maxInFlight = 512;
  std::optional<double> errorBudget, percentile;
  std::optional<std::uint64_t> seed;
  std::string out = "reports/load";
  std::optional<std::string> json, html;
  std::string exportFormat;  // k6 | curl
  std::string exportFile;
  std::size_t exportCount = 1000;
  std::optional<std::string> suitesDir;
  bool noProgress = false;
};

void addOptions(CLI::App& cmd, LoadArgs& a) {
  cmd.add_option("--profile", a.profile, "Load profile: the mix of cases, weights, patients (default: fixtures/load/default.json)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--target", a.target.target, "Target file (default: the embedded reference provider)")
      ->envname("GPC_ASSURE_TARGET")
      ->check(CLI::ExistingFile);
  cmd.add_option("--base-url", a.target.baseUrl, "Replace scheme, host and port of every endpoint, keeping paths")
      ->envname("GPC_ASSURE_BASE_URL");
  cmd.add_option("--fault", a.target.faults, "Switch on an embedded reference provider fault (repeatable; see `faults`)");
  cmd.add_option("--timeout", a.target.timeoutSeconds, "Per-request total timeout in seconds")->check(CLI::PositiveNumber);
  cmd.add_option("--concurrency,-c", a.concurrency, "Closed model: N iterations always in flight (default 16)")
      ->check(CLI::Range(1, 10000));
  cmd.add_option("--rate", a.rate, "Open model: iterations started per second, e.g. 50/s");
  cmd.add_option("--ramp", a.ramps, "Open model ramp stage FROM:TO/s,DURATION, e.g. 0:50/s,5m (repeatable, in order)");
  cmd.add_option("--duration,-d", a.duration,
                 "How long: 90s, 5m, 8h (default 30s); longer than the ramps holds the last rate (a soak)");
  cmd.add_option("--validate-every", a.validateEvery, "Profile-validate the responses of 1 iteration in N (0: never; default 10)")
      ->check(CLI::Range(0, 1000000));
  cmd.add_option("--max-in-flight", a.maxInFlight, "Open model: at most N iterations in flight; due ones beyond are dropped and reported")
      ->check(CLI::Range(1, 100000));
  cmd.add_option("--error-budget", a.errorBudget, "Largest share of failed requests allowed, e.g. 0.001 (default 0)")
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--percentile", a.percentile, "Judge the SHALL/SHOULD limits at this percentile (default 100: every answer)")
      ->check(CLI::Range(0.001, 100.0));
  cmd.add_option("--seed", a.seed, "Seed of the mix draws and generated values (default: random, in the result)");
  cmd.add_option("--out", a.out, "Directory for load.json and load.html")->capture_default_str();
  cmd.add_option("--json", a.json, "Write the JSON result here instead of OUT/load.json");
  cmd.add_option("--html", a.html, "Write the HTML page here instead of OUT/load.html");
  cmd.add_option("--export", a.exportFormat, "Write the mix for another tool instead of running: k6 (a k6 script) or curl (a curl -K config)")
      ->check(CLI::IsMember({"k6", "curl"}));
  cmd.add_option("--export-file", a.exportFile, "Where --export writes (default: OUT/load.k6.js or OUT/load.curl)");
  cmd.add_option("--export-count", a.exportCount, "--export curl: how many requests (drawn from the mix by weight)")
      ->check(CLI::Range(1, 10000000));
  cmd.add_option("--suites-dir", a.suitesDir, "Suites directory (default: see docs/cli.md)");
  cmd.add_flag("--no-progress", a.noProgress, "No progress line, even on a terminal");
}

std::string fixed(double v, int decimals) { return fmt::format("{:.{}f}", v, decimals); }

void printSummary(const load::LoadResult& r, const load::LoadVerdict& v, std::ostream& out) {
  out << fmt::format("{} requests in {:.1f} s: {:.1f}/s, {} failed ({:.3f}%), {} iterations ({} failed{})\n", r.requests,
                     r.durationSeconds, load::tps(r), r.requestsFailed, load::errorRate(r) * 100, r.iterations,
                     r.iterationsFailed, r.dropped ? fmt::format(", {} dropped", r.dropped) : "");
  out << fmt::format("{:<36} {:>7} {:>8} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9}  {}\n", "interaction", "kind", "requests", "failed",
                     "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "limits");
  for (const auto& [name, i] : r.interactions) {
    const auto budget = latency::budgetFor(i.kind);
    const auto& h = i.answered;
    out << fmt::format("{:<36} {:>7} {:>8} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9}  SHALL < {:.0f}, SHOULD < {:.0f}\n", name,
                       latency::toString(i.kind), i.requests, i.failed, fixed(h.percentileMs(50), 1), fixed(h.percentileMs(90), 1),
                       fixed(h.percentileMs(99), 1), fixed(h.percentileMs(99.9), 1), fixed(h.maxMs(), 1), budget.shallMs,
                       budget.shouldMs);
  }
  out << fmt::format("harness: {:.2f} s CPU on the load thread ({:.3f} ms per request), peak RSS {:.0f} MB\n", r.harnessCpuSeconds,
                     r.requests ? r.harnessCpuSeconds * 1000 / static_cast<double>(r.requests) : 0.0, r.peakRssMb);
  for (std::size_t i = 0; i < r.failures.size() && i < 5; ++i)
    // A reason can quote the provider: no byte of it may reach the terminal as a control.
    out << fmt::format("  {} x {} (e.g. {})\n", r.failures[i].count, reporters::toTerminalText(r.failures[i].reason), r.failures[i].caseId);
  for (const auto& w : v.warnings) out << "warning: " << w << '\n';
  for (const auto& b : v.broken) out << "FAIL: " << b << '\n';
  out << (v.passed ? "PASS" : "FAIL") << ": load " << (v.passed ? "within" : "outside") << " the limits and the error budget\n";
}

int runLoadCommand(const LoadArgs& a, std::ostream& out, std::ostream& err) {
  const char* prefix = "gpc-assure load: ";
  try {
    load::LoadPlan plan;
    try {
      plan.shape = load::makeShape(a.concurrency, a.rate, a.ramps, a.duration);
    } catch (const load::InvalidShape& e) {
      err << prefix << e.what() << '\n';
      return 2;
    }
    plan.maxInFlight = a.maxInFlight;
    const SelectedCases selected = loadSelectedCases(FilterArgs{}, a.suitesDir);
    const DataDirs& dirs = selected.dirs;
    const fs::path profileFile = a.profile ? fs::path(*a.profile) : dirs.fixtures / "load" / "default.json";
    const load::LoadProfile profile = load::loadLoadProfile(profileFile);
    schedule::StopControl stop;
    const InterruptSignals signals(stop);  // before the throwaway PKI: a signal still removes its keys
    TargetChoice choice = a.target;
    // Each connection the driver keeps alive holds one of the embedded provider's workers; a
    // provider with fewer workers than connections leaves requests queued behind idle ones.
    choice.providerThreads = static_cast<int>(std::max<std::size_t>(8, plan.connectionLimit() + 2));
    ResolvedTarget resolved = resolveTarget(choice, dirs, selected.endpointGroups);
    plan.mix = load::planMix(profile, selected.cases, resolved.target);
    plan.validateEvery = a.validateEvery.value_or(profile.validateEvery.value_or(10));
    plan.errorBudget = a.errorBudget.value_or(profile.errorBudget.value_or(0));
    plan.percentile = a.percentile.value_or(profile.percentile.value_or(100));
    plan.seed = a.seed ? *a.seed : std::random_device{}();

    http::CurlTransport probes(resolved.target.transport);
    probes.abandonWhen([&stop] { return stop.aborting(); });
    const std::unique_ptr<FhirServices> fhir = makeFhirServices(dirs.profiles.string());
    const bool tty = !a.noProgress && ::isatty(2);
    load::LoadEnvironment env{*fhir, dirs.fixtures, probes, resolved.target.transport, &stop, {}};
    if (tty)
      env.progress = [&err](const load::LoadProgress& p) {
        err << fmt::format("\r  {:>6.0f}/{:.0f} s  {:>7.1f}/s  {:>8} requests  {:>5} failed  {:>4} in flight  p99 {:>7.1f} ms ",
                           p.elapsed, p.planned, p.lastSecondTps, p.requests, p.failed, p.inFlight, p.lastSecondP99Ms)
            << std::flush;
      };

    if (!a.exportFormat.empty()) {
      std::vector<std::string> pointers;
      for (const auto& e : profile.mix) pointers.push_back(e.pointer);
      const auto requests = load::exportRequests(plan, env, profileFile.string(), pointers);
      const bool k6 = a.exportFormat == "k6";
      const fs::path file = a.exportFile.empty() ? fs::path(a.out) / (k6 ? "load.k6.js" : "load.curl") : fs::path(a.exportFile);
      if (file.has_parent_path()) fs::create_directories(file.parent_path());
      reporters::writeReportFile(file,
                                 k6 ? load::k6Script(requests, plan, resolved.target.transport, profile.name)
                                    : load::curlConfig(requests, a.exportCount, plan.seed, resolved.target.transport),
                                 k6 ? "k6 script" : "curl config");
      out << "wrote " << file.string() << '\n';
      return 0;
    }

    out << "load: " << (profile.name.empty() ? profileFile.string() : profile.name) << " against " << resolved.target.name << ", "
        << plan.shape.describe() << std::endl;  // flushed: a CI log shows what is running at once
    load::LoadResult result = load::runLoad(plan, env);
    if (tty) err << '\n';
    result.toolVersion = GPC_VERSION;
    result.profileFile = profileFile.string();
    result.profileName = profile.name;
    result.targetName = resolved.target.name;
    result.endpoints = resolved.target.endpoints;
    const load::LoadVerdict verdict = load::judge(result);
    const nlohmann::json json = load::toJson(result, verdict);
    const fs::path jsonFile = a.json ? fs::path(*a.json) : fs::path(a.out) / "load.json";
    const fs::path htmlFile = a.html ? fs::path(*a.html) : fs::path(a.out) / "load.html";
    for (const auto& f : {jsonFile, htmlFile})
      if (f.has_parent_path()) fs::create_directories(f.parent_path());
    reporters::writeReportFile(jsonFile, json.dump(2) + "\n", "load JSON result");
    reporters::writeReportFile(htmlFile, reporters::renderLoadPage(json), "load HTML page");
    printSummary(result, verdict, out);
    out << "wrote " << jsonFile.string() << " and " << htmlFile.string() << '\n';
    if (stop.signal() != 0) {
      err << prefix << result.stopped << "; the results cover what ran\n";
      return exitCodeForSignal(stop.signal());
    }
    return verdict.passed ? 0 : 1;
  } catch (const std::exception& e) {
    err << prefix << e.what() << '\n';
    return 2;
  }
}

}  // namespace

PendingCommand addLoadCommand(CLI::App& app) {
  auto args = std::make_shared<LoadArgs>();
  CLI::App* cmd = app.add_subcommand(
      "load", "Drive a load profile's request mix at a rate or concurrency; judge TPS, errors and latency against the GP Connect limits");
  addOptions(*cmd, *args);
  return {cmd, [args](std::ostream& out, std::ostream& err) { return runLoadCommand(*args, out, err); }};
}

}  // namespace gpc::cli
