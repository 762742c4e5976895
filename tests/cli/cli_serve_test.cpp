// `gpc-assure serve` through the real binary: prints its URL, answers, stops on a signal.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <csignal>
#include <regex>

#include "child_process.h"
#include "cli_workspace.h"
#include "runner/http/curl_transport.h"

namespace gpc::testing {
namespace {

using namespace std::chrono_literals;

void servesThenStopsOn(int sig, const char* name) {
  ChildProcess serve({gpcAssureExe(), "serve", "--port", "0"});
  const std::string banner = serve.waitForOutput("Stop with", 20s);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(banner, m, std::regex("listening on (http://127\\.0\\.0\\.1:[0-9]+)"))) << banner;
  {
    // Scoped: the keep-alive connection closes before the signal, as a finished client's would.
    http::CurlTransport transport({});
    const HttpResponse r = transport.send({"GET", m[1].str() + "/B82617/STU3/1/gpconnect/metadata", {}, "", std::nullopt});
    EXPECT_EQ(r.transportError, "");
    EXPECT_GE(r.status, 200) << "the provider must answer (even a request without Spine headers)";
  }
  const auto signalled = std::chrono::steady_clock::now();
  serve.signal(sig);
  const ProcessResult done = serve.wait(10s);
  EXPECT_FALSE(done.timedOut) << name << " did not stop the server";
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 3s) << "stopping must not wait for idle connections";
  EXPECT_EQ(done.exitCode, 0) << done.err;
  EXPECT_NE(done.out.find(std::string("stopped (") + name + ")"), std::string::npos) << done.out;
}

TEST(CliServe, StopsCleanlyOnSigterm) { servesThenStopsOn(SIGTERM, "SIGTERM"); }
TEST(CliServe, StopsCleanlyOnSigint) { servesThenStopsOn(SIGINT, "SIGINT"); }

TEST(CliServe, TlsKeyWithoutCertIsAUsageError) {
  const ProcessResult r = runProcess({gpcAssureExe(), "serve", "--tls-key", GPC_SOURCE_DIR "/CMakeLists.txt"});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
}

}  // namespace
}  // namespace gpc::testing
