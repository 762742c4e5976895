#pragma once
// `gpc-assure run`: select cases, pick the target (a target file, or the embedded reference
// provider started in-process), run them on --jobs threads and write the reports.

#include <iosfwd>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reporters/reporters.h"
#include "runner/cli/assurance_options.h"
#include "runner/cli/case_selection.h"
#include "runner/cli/shard_options.h"
#include "runner/cli/report_options.h"

namespace CLI {
class App;
}

namespace gpc::cli {

struct RunArgs {
  std::optional<std::string> target;   // target file; none: the embedded reference provider
  std::optional<std::string> baseUrl;  // replaces scheme/host/port of every endpoint
  FilterArgs filters;
  ShardArgs shard;  // --shard I/N, --durations FILE
  int jobs = 1;
  int maxFailures = 0;  // --max-failures N / -x; 0: run every case
  bool keepGoing = false;  // --keep-going: run even when the pre-flight finds the provider unreachable
  int retries = 0;            // --retries N: run a failed or errored case again up to N times
  bool failOnFlaky = false;   // --fail-on-flaky: a case that passed only on a retry fails the run
  std::optional<double> timeoutSeconds;  // overrides the target's http.timeout_seconds
  ReportArgs reports;  // --out, --report, --junit FILE..., --evidence (runner/cli/report_options.h)
  std::vector<std::string> faults;  // reference provider fault switches
  std::vector<std::string> disabledAreas;  // reference provider clinical areas switched off
  std::optional<std::string> suitesDir;
  // Seed of generated values ({generated.nhs_number}); none: a random one, shown in the reports.
  std::optional<std::uint64_t> seed;
  bool noColor = false;
  bool quiet = false;    // -q: failures' one-liners, the failure recap and the totals
  bool verbose = false;  // -v: every check of every case
  AssuranceArgs assurance;  // --sign-key, --sign-cert (runner/cli/assurance_options.h)
  // Set by tests writing to a string stream; otherwise decided from stdout and NO_COLOR.
  std::optional<reporters::ConsoleOptions> console;
};

void addRunCommand(CLI::App& app, RunArgs& args);

// 0 every selected case passed (or was skipped with a reason); 1 a case failed or errored;
// 2 usage, data, target or suite error, no case selected, or a report that could not be written.
int runRunCommand(const RunArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gpc::cli
