// SIGINT/SIGTERM during a run and --max-failures: the run stops early, every report is still
// written (and marked), in-flight requests are abandoned, temporary keys are removed, and the
// exit code says what happened (130/143 for the signals, 1 for failures).
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

// Accepts connections (the kernel does, from the backlog) and never answers a byte.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  std::string foundations() const { return "http://127.0.0.1:" + std::to_string(port_) + "/B82617/STU3/1/gpconnect"; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(CliInterrupt, SigintAbandonsTheRequestInFlightWritesEveryReportAndExits130) {
  CliWorkspace ws;
  ws.writeTinySuites();
  SilentServer provider;
  ChildProcess child({gpcAssureExe(), "run", "--target", ws.writeTarget(provider.foundations()).string(),
                      "--suites-dir", ws.suites().string(), "--out", ws.reports().string(), "--timeout", "60"},
                     {{"NO_COLOR", "1"}});
  ASSERT_NE(child.waitForOutput("3 cases", 10s).find("3 cases"), std::string::npos);
  std::this_thread::sleep_for(300ms);  // the first request is in flight, waiting for an answer
  const auto signalled = std::chrono::steady_clock::now();
  child.signal(SIGINT);
  const ProcessResult r = child.wait(20s);
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 5s) << "did not stop within the budget";
  EXPECT_EQ(r.exitCode, 130) << r.out << r.err;
  EXPECT_NE(r.err.find("run interrupted by SIGINT"), std::string::npos) << r.err;

  const json report = readJson(ws.reports() / "report.json");
  EXPECT_EQ(report["run"]["stopped"], "run interrupted by SIGINT");
  ASSERT_EQ(report["cases"].size(), 3u);
  EXPECT_EQ(report["cases"][0]["verdict"], "errored");
  EXPECT_NE(report["cases"][0].dump().find("abandoned: the run was interrupted"), std::string::npos);
  for (int i : {1, 2}) {
    EXPECT_EQ(report["cases"][i]["verdict"], "skipped");
    EXPECT_EQ(report["cases"][i]["reason"], "not run: run interrupted by SIGINT");
  }
  std::ifstream junit(ws.reports() / "junit.xml");
  const std::string junitText{std::istreambuf_iterator<char>(junit), std::istreambuf_iterator<char>()};
  EXPECT_NE(junitText.find("run interrupted by SIGINT"), std::string::npos);
  EXPECT_TRUE(fs::exists(ws.reports() / "report.html"));
  EXPECT_NE(r.out.find("0 passed, 0 failed, 1 errored, 2 skipped"), std::string::npos) << r.out;
}

TEST(CliInterrupt, SigtermDuringAnEmbeddedRunRemovesTheThrowawayKeysAndExits143) {
  CliWorkspace ws;
  const fs::path tmp = ws.root() / "tmp";
  fs::create_directories(tmp);
  ChildProcess child({gpcAssureExe(), "run", "--jobs", "2", "--out", ws.reports().string()},
                     {{"NO_COLOR", "1"}, {"TMPDIR", tmp.string()}});
  ASSERT_NE(child.waitForOutput("PASS", 60s).find("PASS"), std::string::npos);
  bool keysSeen = false;
  for (const auto& entry : fs::directory_iterator(tmp)) keysSeen |= entry.path().filename().string().rfind("gpc-assure-tls-", 0) == 0;
  EXPECT_TRUE(keysSeen) << "the embedded run made no throwaway PKI under TMPDIR; this test proves nothing";
  child.signal(SIGTERM);
  const ProcessResult r = child.wait(30s);
  EXPECT_EQ(r.exitCode, 143) << r.err;
  EXPECT_TRUE(fs::is_empty(tmp)) << "temporary key material left behind";
  const json report = readJson(ws.reports() / "report.json");
  EXPECT_EQ(report["run"]["stopped"], "run interrupted by SIGTERM");
  EXPECT_GT(report["summary"]["skipped"].get<int>(), 0);
}

TEST(CliInterrupt, MaxFailuresStopsStartingCasesAndSaysSo) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(500);  // every case fails
  const std::vector<std::vector<std::string>> stopAfterOneOptions = {{"-x"}, {"--max-failures", "1"}};
  for (const auto& stopAfterOne : stopAfterOneOptions) {
    std::vector<std::string> args = {"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                                      ws.suites().string(), "--out", ws.reports().string()};
    args.insert(args.end(), stopAfterOne.begin(), stopAfterOne.end());
    const auto r = gpcAssure(args);
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("0 passed, 1 failed, 0 errored, 2 skipped"), std::string::npos) << r.out;
    const json report = readJson(ws.reports() / "report.json");
    EXPECT_EQ(report["run"]["stopped"], "stopped after 1 failed or errored case (--max-failures 1)");
    EXPECT_EQ(report["cases"][2]["reason"], "not run: stopped after 1 failed or errored case (--max-failures 1)");
  }
}

}  // namespace
}  // namespace gpc::testing
