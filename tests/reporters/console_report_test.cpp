#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <regex>
#include <sstream>

#include "reporters/reporters.h"
#include "reporters/run_json.h"
#include "sample_results.h"

namespace gpc::reporters {
namespace {

using testing::hostileRun;
using testing::sampleRun;

std::string runConsole(const RunResult& r, ConsoleOptions options) {
  std::ostringstream out;
  auto reporter = makeConsoleReporter(out, options);
  reporter->runStarting(r.info, static_cast<int>(r.cases.size()));
  for (const auto& c : r.cases) reporter->caseFinished(c);
  reporter->runFinished(r);
  return out.str();
}

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
