#pragma once
// The reporters the CLI plugs into a run: console, JUnit XML, JSON and HTML, each a
// gpc::Reporter (reporters/reporter.h). File reporters write in runFinished(), into a
// temporary file beside the target that is renamed over it, so a crash or a full disk
// never leaves a half-written report in place of a good one.
//
// Errors: a file reporter that cannot write throws ReportWriteError from runFinished()
// (the message names the report kind, the path and the OS reason). The CLI catches it,
// prints it and carries on with the other reporters.

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "reporters/assurance_inputs.h"
#include "reporters/canonical_run.h"
#include "reporters/reporter.h"

namespace gpc::reporters {

// A report file could not be written; what() is ready to show to the user, e.g.
// "cannot write JUnit report 'out/junit.xml': Permission denied".
class ReportWriteError : public std::runtime_error {
 public:
  ReportWriteError(const std::string& message, std::filesystem::path path)
      : std::runtime_error(message), path_(std::move(path)) {}
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ConsoleOptions {
  // Colour escapes (green PASS, red FAIL...). Use detectConsoleOptions() to decide it from
  // the stream being a terminal, NO_COLOR and --no-color.
  bool color = false;
  // The stream is a terminal: passing cases update one progress line in place instead of
  // printing a line each; failures, errors and skips still get their own lines.
  bool interactive = false;
  // --verbose: every case gets its details and every check, passed ones too.
  bool verbose = false;
  // --quiet: only the one-line verdicts of failed and errored cases, the failure recap and the
  // totals (no skip lines, no failure details, no capability table).
  bool quiet = false;
  // Terminal width in columns: longer lines are cut with an ellipsis. 0 (a pipe, a file, a CI
  // log) keeps every line whole.
  int columns = 0;
};

// Options for a console on file descriptor `fd` (1 for stdout): interactive, and `columns`
// from the window size (or $COLUMNS), when it is a terminal; colour when it is a terminal, NO_COLOR is unset (set to anything, even empty,
// turns colour off) and !noColorFlag.
ConsoleOptions detectConsoleOptions(int fd, bool noColorFlag);

// One line per finished case, failure details, the failures grouped by reason, a per-capability table and as the last
// line exactly "N passed, N failed, N errored, N skipped" (CI tools grep for it).
// `canonical` (optional) is shared with the other reporters of the run, for the result digest.
std::unique_ptr<Reporter> makeConsoleReporter(std::ostream& out, ConsoleOptions options = {},
                                              SharedCanonicalRun canonical = nullptr);

// PerCase: each <testcase> has its own <properties> and <system-out> (the exchanges), as
// Jenkins' JUnit plugin, GitLab and xunit-viewer read them; no published schema allows
// properties there. Strict: valid against both the Jenkins xUnit (junit-10.xsd) and the Ant
// JUnit schemas, per-case metadata as suite properties "<id>.requirement"...
enum class JUnitStyle { PerCase, Strict };

std::unique_ptr<Reporter> makeJUnitReporter(std::filesystem::path path, JUnitStyle style = JUnitStyle::PerCase);

// The whole RunResult with all evidence (docs/reports.md). Also writes `<path>.sha256`
// in `sha256sum -c` format, the digest the HTML report shows.
std::unique_ptr<Reporter> makeJsonReporter(std::filesystem::path path, SharedCanonicalRun canonical = nullptr);

// How much exchange evidence the HTML report shows. Failed: failed and errored cases get every
// request and response in full; passed and skipped ones keep verdict, checks and one line per
// exchange (the JSON report still has everything). All: every case in full.
enum class HtmlEvidence { Failed, All };

// One self-contained HTML file for an assurance reviewer, showing the SHA-256 digest of
// the canonical JSON result (the bytes makeJsonReporter writes).
std::unique_ptr<Reporter> makeHtmlReporter(std::filesystem::path path, SharedCanonicalRun canonical = nullptr,
                                           HtmlEvidence evidence = HtmlEvidence::Failed,
                                           SharedAssuranceInputs assurance = nullptr);

// "all" or "failed"; throws std::invalid_argument otherwise.
HtmlEvidence parseHtmlEvidence(std::string_view text);

// Which report files a run writes, where, and the run's reporters: reporters/report_plan.h,
// reporters/run_reporters.h.

}  // namespace gpc::reporters
