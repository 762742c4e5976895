#include <fcntl.h>
#include <sys/ioctl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <regex>
#include <sstream>

#include "reporters/reporters.h"
#include "reporters/failure_recap.h"
#include "reporters/run_json.h"
#include "reporters/terminal_width.h"
#include "console_run.h"
#include "sample_results.h"

namespace gpc::reporters {
namespace {

using testing::hostileRun;
using testing::sampleRun;

using testing::runConsole;

std::string lastLine(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

TEST(ConsoleReport, OneLinePerCaseWithFailureDetailsAndTheSummaryLineLast) {
  const std::string out = runConsole(sampleRun(), {});
  EXPECT_NE(out.find("\nPASS  FND-PAT-READ-001  Read a registered patient  (12 ms)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\nFAIL  FND-PAT-READ-002  Read a registered patient  (12 ms)\n"
                     "      status: expected 200, got 404\n"
                     "      requirement: foundations_use_case_read_a_patient#response\n"
                     "      x   status: expected 200, got 404 - unexpected status\n"
                     "      > GET http://127.0.0.1:8080/Patient/2  -> 200 (12 ms)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\nERROR SEC-HDR-001"), std::string::npos);
  EXPECT_NE(out.find("\nSKIP  SEC-HDR-002  Read a registered patient  (12 ms)\n      not applicable to this provider\n"),
            std::string::npos);
  EXPECT_NE(out.find("\ncapability    total  passed  failed  errored  skipped\n"
                     "foundations       2       1       1        0        0\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\nsecurity          2       0       0        1        1\n"), std::string::npos) << out;
  EXPECT_EQ(lastLine(out), "1 passed, 1 failed, 1 errored, 1 skipped");
  EXPECT_NE(out.find("\nresult sha256: " + resultDigest(sampleRun()) + "\n"), std::string::npos);
  EXPECT_TRUE(std::regex_search(out, std::regex(R"(\n\d+ passed, \d+ failed, \d+ errored, \d+ skipped\n$)")));
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << "no colour unless asked";
}

TEST(ConsoleReport, ColourOnlyWhenAskedAndNeverOnTheSummaryLine) {
  ConsoleOptions o;
  o.color = true;
  const std::string out = runConsole(sampleRun(), o);
  EXPECT_NE(out.find("\x1b[32mPASS \x1b[0m FND-PAT-READ-001"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[31mFAIL \x1b[0m"), std::string::npos);
  EXPECT_EQ(lastLine(out), "1 passed, 1 failed, 1 errored, 1 skipped");
}

TEST(ConsoleReport, InteractiveShowsProgressInsteadOfPassingLines) {
  ConsoleOptions o;
  o.interactive = true;
  const std::string out = runConsole(sampleRun(), o);
  EXPECT_EQ(out.find("PASS  FND-PAT-READ-001"), std::string::npos);
  EXPECT_NE(out.find("[1/4] 1 passed, 0 failed, 0 errored, 0 skipped  FND-PAT-READ-001"), std::string::npos) << out;
  EXPECT_NE(out.find("FAIL  FND-PAT-READ-002"), std::string::npos);
  EXPECT_EQ(lastLine(out), "1 passed, 1 failed, 1 errored, 1 skipped");
}

TEST(ConsoleReport, TargetTextCannotDriveTheTerminal) {
  const std::string out = runConsole(hostileRun(), {});
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\0'), std::string::npos);
  EXPECT_NE(out.find("<script>alert('x')</script>"), std::string::npos) << "text stays readable";
  EXPECT_EQ(lastLine(out), "0 passed, 1 failed, 0 errored, 0 skipped");
}

// A run where `n` cases fail because one header is missing (the reason is the deciding
// check's message, as the executor makes it) and one fails for another reason.
RunResult manyFailures(int n) {
  RunResult r;
  r.info = testing::sampleInfo();
  for (int i = 0; i < n; ++i) {
    CaseResult c = testing::sampleCase("CC-" + std::to_string(100 + i), Verdict::Failed);
    c.reason = std::string(i % 2 ? "step \"setup\": " : "") + "header Cache-Control is missing";
    c.checks = {{"header", "Cache-Control", false, "header Cache-Control is missing", "contain \"no-store\"", "(absent)",
                 i % 2 ? "setup" : "main"}};
    c.exchanges.front().step = i % 2 ? "setup" : "main";
    r.cases.push_back(std::move(c));
  }
  r.cases.push_back(testing::sampleCase("FND-PAT-READ-002", Verdict::Failed));
  r.cases.push_back(testing::sampleCase("FND-PAT-READ-001", Verdict::Passed));
  return testing::withSummary(std::move(r));
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ConsoleReport, TheReasonIsPrintedOncePerCase) {
  RunResult r = manyFailures(1);
  r.cases.resize(1);
  r = testing::withSummary(std::move(r));
  ConsoleOptions o;
  o.quiet = false;
  std::ostringstream out;
  auto reporter = makeConsoleReporter(out, o);
  reporter->caseFinished(r.cases.front());
  EXPECT_EQ(occurrences(out.str(), "header Cache-Control is missing"), 1u) << out.str();
  EXPECT_NE(out.str().find("      x   header Cache-Control: expected contain \"no-store\", got (absent)\n"), std::string::npos)
      << "the deciding check keeps what it expected and got:\n" << out.str();
}

TEST(ConsoleReport, FailureRecapGroupsByReasonBeforeTheTotals) {
  const std::string out = runConsole(manyFailures(14), {});
  const auto recap = out.find("\nFailures by reason: 2 reasons, 15 cases\n");
  ASSERT_NE(recap, std::string::npos) << out;
  EXPECT_LT(recap, out.find("\ncapability "));
  // Cases with and without a step prefix share one reason; the largest group comes first.
  EXPECT_NE(out.find("\n  14 cases  header Cache-Control is missing\n"
                     "      CC-100, CC-101, CC-102, CC-103, CC-104, CC-105, CC-106, CC-107, CC-108, CC-109, ... (+4 more)\n"
                     "      e.g. CC-100: FAIL header Cache-Control: expected contain \"no-store\", got (absent)\n"
                     "           > GET http://127.0.0.1:8080/Patient/2  -> 200 (12 ms)\n"
                     "  1 case   status: expected 200, got 404\n"
                     "      FND-PAT-READ-002\n"
                     "      e.g. FND-PAT-READ-002: FAIL status: expected 200, got 404\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(lastLine(out), "1 passed, 15 failed, 0 errored, 0 skipped");
}

TEST(ConsoleReport, NoRecapWhenNothingFailed) {
  RunResult r;
  r.info = testing::sampleInfo();
  r.cases.push_back(testing::sampleCase("FND-PAT-READ-001", Verdict::Passed));
  const std::string out = runConsole(testing::withSummary(std::move(r)), {});
  EXPECT_EQ(out.find("Failures by reason"), std::string::npos) << out;
}

TEST(ConsoleReport, QuietShowsOnlyFailureLinesTheRecapAndTheTotals) {
  ConsoleOptions o;
  o.quiet = true;
  const std::string out = runConsole(sampleRun(), o);
  EXPECT_EQ(out.find("PASS "), std::string::npos) << out;
  EXPECT_EQ(out.find("SKIP "), std::string::npos) << out;
  EXPECT_NE(out.find("\nFAIL  FND-PAT-READ-002  Read a registered patient  (12 ms)\nERROR SEC-HDR-001"), std::string::npos)
      << "no details under a quiet failure line:\n" << out;
  EXPECT_EQ(out.find("requirement:"), std::string::npos);
  EXPECT_EQ(out.find("capability "), std::string::npos);
  EXPECT_NE(out.find("Failures by reason: 2 reasons, 2 cases"), std::string::npos) << out;
  EXPECT_EQ(lastLine(out), "1 passed, 1 failed, 1 errored, 1 skipped");
}

TEST(ConsoleReport, VerboseShowsEveryCheckOfEveryCase) {
  ConsoleOptions o;
  o.verbose = true;
  o.interactive = true;  // verbose wins over the progress-only view of passes
  const std::string out = runConsole(sampleRun(), o);
  const auto pass = out.find("PASS  FND-PAT-READ-001");
  ASSERT_NE(pass, std::string::npos) << out;
  EXPECT_NE(out.find("      ok  header Cache-Control: expected no-store, got no-store - present\n", pass), std::string::npos)
      << out;
  EXPECT_EQ(occurrences(runConsole(sampleRun(), {}), "ok  "), 0u) << "passed checks only with --verbose";
}

TEST(ConsoleReport, LinesAreCutToTheTerminalWidthOnlyWhenAWidthIsKnown) {
  ConsoleOptions o;
  o.interactive = true;
  o.columns = 40;
  const std::string cut = runConsole(manyFailures(3), o);
  std::istringstream lines(cut);
  for (std::string line; std::getline(lines, line);) {
    const auto clear = line.rfind("\x1b[2K");
    const std::string shown = clear == std::string::npos ? line : line.substr(clear + 4);
    if (shown.rfind("result sha256: ", 0) == 0) continue;  // copied whole, like the totals line
    std::size_t columns = 0;
    for (unsigned char ch : shown) columns += (ch & 0xC0) != 0x80;
    EXPECT_LE(columns, 40u) << shown;
  }
  EXPECT_NE(cut.find("\n      > GET http://127.0.0.1:8080/Patie\u2026\n"), std::string::npos) << cut;
  EXPECT_EQ(lastLine(cut), "1 passed, 4 failed, 0 errored, 0 skipped") << "the totals line is short enough to stay whole";
  const std::string whole = runConsole(manyFailures(3), {});
  EXPECT_NE(whole.find("      > GET http://127.0.0.1:8080/Patient/2  -> 200 (12 ms)\n"), std::string::npos) << whole;
  EXPECT_EQ(whole.find("\u2026"), std::string::npos);
}

TEST(TerminalWidth, CutsByCodePointsAndKeepsColourEscapes) {
  EXPECT_EQ(fitToColumns("abcdef", 0), "abcdef");
  EXPECT_EQ(fitToColumns("abcdef", 6), "abcdef");
  EXPECT_EQ(fitToColumns("abcdef", 4), "abc\u2026");
  EXPECT_EQ(fitToColumns("\u00e9\u00e9\u00e9\u00e9\u00e9", 3), "\u00e9\u00e9\u2026") << "two-byte characters are one column";
  EXPECT_EQ(fitToColumns("\x1b[31mFAIL\x1b[0m x", 6), "\x1b[31mFAIL\x1b[0m x") << "escapes take no columns";
  EXPECT_EQ(fitToColumns("\x1b[31mFAILING\x1b[0m", 3), "\x1b[31mFA\u2026\x1b[0m") << "the colour is still reset";
}

// Restores NO_COLOR as it was, so tests do not leak environment into each other.
class NoColorGuard {
 public:
  NoColorGuard() {
    if (const char* v = std::getenv("NO_COLOR")) saved_ = v;
  }
  ~NoColorGuard() {
    if (saved_) {
      ::setenv("NO_COLOR", saved_->c_str(), 1);
    } else {
      ::unsetenv("NO_COLOR");
    }
  }

 private:
  std::optional<std::string> saved_;
};

TEST(ConsoleOptionsDetection, ColourOnATerminalOnlyWithoutNoColorOrTheFlag) {
  NoColorGuard guard;
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) GTEST_SKIP() << "no pseudo-terminal available";
  const int terminal = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
  ASSERT_GE(terminal, 0);
  int pipeFds[2];
  ASSERT_EQ(::pipe(pipeFds), 0);

  winsize size{};
  size.ws_col = 93;
  size.ws_row = 20;
  ASSERT_EQ(::ioctl(terminal, TIOCSWINSZ, &size), 0);
  EXPECT_EQ(detectConsoleOptions(terminal, false).columns, 93);
  EXPECT_EQ(detectConsoleOptions(pipeFds[1], false).columns, 0) << "a pipe never gets cut lines";

  ::unsetenv("NO_COLOR");
  EXPECT_TRUE(detectConsoleOptions(terminal, false).color);
  EXPECT_TRUE(detectConsoleOptions(terminal, false).interactive);
  EXPECT_FALSE(detectConsoleOptions(terminal, true).color);
  EXPECT_TRUE(detectConsoleOptions(terminal, true).interactive);
  EXPECT_FALSE(detectConsoleOptions(pipeFds[1], false).color);
  EXPECT_FALSE(detectConsoleOptions(pipeFds[1], false).interactive);
  ::setenv("NO_COLOR", "1", 1);
  EXPECT_FALSE(detectConsoleOptions(terminal, false).color);
  ::setenv("NO_COLOR", "", 1);
  EXPECT_FALSE(detectConsoleOptions(terminal, false).color);

  ::close(pipeFds[0]);
  ::close(pipeFds[1]);
  ::close(terminal);
  ::close(master);
}

}  // namespace
}  // namespace gpc::reporters
