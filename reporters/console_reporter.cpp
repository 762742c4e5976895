// Console output: a line per finished case (or one progress line on a terminal), failure
// details as they happen, and at the end the failures grouped by reason, a per-capability
// table and the counts line.

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <ostream>

#include <fmt/format.h>

#include "reporters/baseline_changes.h"
#include "reporters/case_summary.h"
#include "reporters/failure_recap.h"
#include "reporters/latency_lines.h"
#include "reporters/reporters.h"
#include "reporters/shard_label.h"
#include "reporters/terminal_width.h"
#include "reporters/text_safety.h"
#include "reporters/waiver_text.h"

namespace gpc::reporters {
namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kClearLine = "\r\x1b[2K";

const char* label(Verdict v) {
  switch (v) {
    case Verdict::Passed: return "PASS";
    case Verdict::Failed: return "FAIL";
    case Verdict::Errored: return "ERROR";
    case Verdict::Skipped: return "SKIP";
    case Verdict::Flaky: return "FLAKY";
    case Verdict::Waived: return "WAIVED";
  }
  return "?";
}

const char* colour(Verdict v) {
  switch (v) {
    case Verdict::Passed: return "\x1b[32m";
    case Verdict::Failed: return "\x1b[31m";
    case Verdict::Errored: return "\x1b[35m";
    case Verdict::Skipped: return "\x1b[33m";
    case Verdict::Flaky: return "\x1b[36m";
    case Verdict::Waived: return "\x1b[34m";
  }
  return "";
}

// Text from the target or the suites must not be able to drive the terminal.
std::string printable(std::string_view text) { return toTerminalText(text); }

class ConsoleReporter final : public Reporter {
 public:
  ConsoleReporter(std::ostream& out, ConsoleOptions options, SharedCanonicalRun canonical)
      : out_(out), options_(options), canonical_(std::move(canonical)) {}

  void runStarting(const RunInfo& info, int selectedCases) override {
    selected_ = selectedCases;
    emit(fmt::format("gpc-assure {}: {} case{} against {} (seed {})", printable(info.toolVersion), selectedCases,
                     selectedCases == 1 ? "" : "s", printable(info.targetName), info.seed));
    if (const std::string shard = shardLabel(info.shard, selectedCases); !shard.empty()) emit(shard);
    if (!info.faults.empty()) {
      std::string faults;
      for (const auto& f : info.faults) faults += (faults.empty() ? "" : ", ") + printable(f);
      emit("reference provider faults on: " + faults);
    }
    out_.flush();
  }

  void caseFinished(const CaseResult& r) override {
    ++done_;
    tally(running_, r.verdict);
    // A flaky case is shown as a failure is: it failed before it passed. A waived failure is
    // still shown in quiet mode: it is accepted, not gone.
    const bool failing = r.verdict == Verdict::Failed || r.verdict == Verdict::Errored || r.verdict == Verdict::Flaky ||
                         r.verdict == Verdict::Waived;
    // On a terminal a pass only moves the progress line; quiet shows failures only.
    // A pass over a SHOULD limit is shown too: a warning nobody sees is no warning.
    const bool warned = hasWarning(r);
    const bool caseLine =
        options_.quiet ? failing : !(options_.interactive && r.verdict == Verdict::Passed) || options_.verbose || warned;
    if (options_.interactive) out_ << kClearLine;
    if (caseLine) {
      printCaseLine(r);
      if (!options_.quiet && (r.verdict != Verdict::Passed || options_.verbose || warned)) printDetails(r);
    }
    if (options_.interactive) printProgress(r);
    out_.flush();
  }

  void runFinished(const RunResult& result) override {
    if (options_.interactive) out_ << kClearLine;
    const auto recap = failureRecapLines(result.cases);
    if (!recap.empty()) out_ << "\n";
    for (const auto& line : recap) emit(printable(line));
    for (const auto& line : flakyRecapLines(result.cases)) emit(printable(line));
    const auto waived = waivedRecapLines(result.cases);
    if (!waived.empty()) out_ << "\n";
    for (const auto& line : waived) emit(printable(line));
    if (result.info.baseline) {
      out_ << "\n";
      for (const auto& line : changeLines(*result.info.baseline, compareWithBaseline(*result.info.baseline, result.cases)))
        emit(printable(line));
    }
    if (!options_.quiet) printCapabilityTable(result);
    if (!options_.quiet) {
      const auto latency = latencyLines(result);
      if (!latency.empty()) out_ << "\n";
      for (const auto& line : latency) emit(printable(line));
    }
    out_ << fmt::format("\n{} case{} in {:.1f} s\n", result.summary.total, result.summary.total == 1 ? "" : "s",
                        result.durationMs / 1000.0);
    // In the CI log, where a later edit of the report files cannot reach (docs/reports.md).
    // Never cut, like the counts line: both are copied and grepped whole.
    out_ << "result sha256: " << canonical_->of(result).digest << "\n";
    if (!result.stopped.empty()) out_ << printable(result.stopped) << ": cases not started are reported as not run\n";
    // The last line, uncoloured and exactly this form: CI tooling reads "N passed, N failed".
    out_ << countsLine(result.summary) << "\n";
    out_.flush();
  }

 private:
  std::string painted(Verdict v, std::string_view text) const {
    if (!options_.color) return std::string(text);
    return std::string(colour(v)) + std::string(text) + kReset;
  }

  // One line, cut to the terminal's width on a terminal (options_.columns is 0 otherwise).
  void emit(std::string_view line) { out_ << fitToColumns(line, options_.columns) << "\n"; }

  void printCaseLine(const CaseResult& r) {
    const std::string verdict = fmt::format("{:<5}", label(r.verdict));
    const std::string retried = r.retried.empty() ? "" : fmt::format(", {} attempts", r.retried.size() + 1);
    emit(painted(r.verdict, verdict) + " " + printable(r.info.id) + "  " + printable(r.info.title) +
         fmt::format("  ({} ms{})", static_cast<long long>(std::llround(r.durationMs)), retried));
  }

  // The reason once, then the checks: the check that gave the reason shows only what it
  // expected and got, since its message is the reason line above it.
  void printDetails(const CaseResult& r) {
    const std::string indent = "      ";
    if (r.waiver && !r.waiver->expired) emit(indent + printable(waiverSummary(*r.waiver)));
    if (!r.reason.empty()) emit(indent + printable(r.reason));
    if (r.verdict == Verdict::Skipped) return;
    if (!r.info.requirement.empty()) emit(indent + "requirement: " + printable(r.info.requirement));
    const CheckResult* deciding = decidingCheck(r);
    for (const auto& c : r.checks) {
      if (c.passed && !c.warning && !options_.verbose) continue;
      const std::string mark = c.warning   ? painted(Verdict::Skipped, "w   ")
                               : c.passed  ? "ok  "
                               : c.errored ? painted(Verdict::Errored, "!   ")
                                           : painted(Verdict::Failed, "x   ");
      emit(indent + mark + printable(describeCheck(c, &c != deciding)));
    }
    for (const auto& e : r.exchanges) emit(indent + printable(exchangeLine(e)));
    for (std::size_t k = 0; k < r.retried.size(); ++k) {
      const CaseAttempt& a = r.retried[k];
      emit(indent + fmt::format("attempt {} {}: ", k + 1, toString(a.verdict)) + printable(a.reason));
      for (const auto& e : a.exchanges) emit(indent + "  " + printable(exchangeLine(e)));
    }
  }

  void printCapabilityTable(const RunResult& result) {
    const auto byCapability = summaryByCapability(result.cases);
    if (byCapability.empty()) return;
    out_ << "\n";
    std::size_t width = 10;
    for (const auto& [capability, s] : byCapability) width = std::max(width, printable(capability).size());
    // The flaky and waived columns only when some case was: otherwise they say nothing.
    const bool flaky = result.summary.flaky > 0;
    const bool waived = result.summary.waived > 0;
    emit(fmt::format("{:<{}}  {:>6}  {:>6}  {:>6}  {:>7}  {:>7}", "capability", width, "total", "passed", "failed",
                     "errored", "skipped") + (flaky ? "    flaky" : "") + (waived ? "   waived" : ""));
    for (const auto& [capability, s] : byCapability) {
      emit(fmt::format("{:<{}}  {:>6}  {:>6}  {:>6}  {:>7}  {:>7}", printable(capability), width, s.total, s.passed,
                       s.failed, s.errored, s.skipped) + (flaky ? fmt::format("  {:>7}", s.flaky) : "") +
           (waived ? fmt::format("  {:>7}", s.waived) : ""));
    }
  }

  // Redrawn in place, so it must never wrap: one column is kept free for the cursor.
  void printProgress(const CaseResult& last) {
    const std::string line = fmt::format("[{}/{}] {}  {}", done_, selected_, countsLine(running_), printable(last.info.id));
    out_ << fitToColumns(line, options_.columns > 1 ? options_.columns - 1 : 0);
  }

  std::ostream& out_;
  ConsoleOptions options_;
  SharedCanonicalRun canonical_;
  int selected_ = 0;
  int done_ = 0;
  RunSummary running_;
};

}  // namespace

ConsoleOptions detectConsoleOptions(int fd, bool noColorFlag) {
  ConsoleOptions o;
  o.interactive = ::isatty(fd) == 1;
  o.columns = terminalColumns(fd);
  // NO_COLOR set at all (even empty, stricter than no-color.org) disables colour.
  o.color = o.interactive && std::getenv("NO_COLOR") == nullptr && !noColorFlag;
  return o;
}

std::unique_ptr<Reporter> makeConsoleReporter(std::ostream& out, ConsoleOptions options,
                                              SharedCanonicalRun canonical) {
  if (!canonical) canonical = std::make_shared<CanonicalRun>();
  return std::make_unique<ConsoleReporter>(out, options, std::move(canonical));
}

}  // namespace gpc::reporters
