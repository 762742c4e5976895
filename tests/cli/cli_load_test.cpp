// `gpc-assure load` as a user runs it: the real binary against the embedded reference provider,
// load.json and load.html written, the exit code, a provider fault caught under load, the k6 and
// curl exports, SIGTERM mid-run, and bad input named.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

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

TEST(CliLoad, DefaultMixPassesAndWritesBothResults) {
  CliWorkspace ws;
  const auto r = gpcAssure({"load", "--duration", "2s", "--concurrency", "4", "--out", ws.reports().string(), "--seed", "5"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS"), std::string::npos) << r.out;
  const json result = readJson(ws.reports() / "load.json");
  EXPECT_EQ(result["schema"], "gpc-assure-load");
  EXPECT_TRUE(result["verdict"]["passed"].get<bool>());
  EXPECT_GT(result["totals"]["requests"].get<int>(), 20);
  EXPECT_EQ(result["totals"]["requests_failed"], 0) << result["failures"].dump(2);
  EXPECT_EQ(result["seed"], 5);
  EXPECT_EQ(result["shape"]["model"], "closed");
  // The default mix has queries and a command (registration), each judged by its own limits.
  std::set<std::string> kinds;
  for (const auto& i : result["interactions"]) kinds.insert(i["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"command", "query"}));
  const std::string html = readText(ws.reports() / "load.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
}

TEST(CliLoad, AProviderFaultFailsTheRunWithItsReason) {
  CliWorkspace ws;
  ws.write("profile.json", R"({"name": "search only", "mix": [{"case": "FND-PAT-SRCH-002"}]})");
  const auto r = gpcAssure({"load", "--profile", (ws.root() / "profile.json").string(), "--fault", "search-returns-fields-not-allowed",
                            "--duration", "1s", "--concurrency", "2", "--out", ws.reports().string()});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("over the error budget"), std::string::npos) << r.out;
  const json result = readJson(ws.reports() / "load.json");
  EXPECT_FALSE(result["verdict"]["passed"].get<bool>());
  ASSERT_FALSE(result["failures"].empty());
  EXPECT_EQ(result["failures"][0]["case"], "FND-PAT-SRCH-002");
}

TEST(CliLoad, OpenModelRampIsDescribedAndKept) {
  CliWorkspace ws;
  const auto r = gpcAssure({"load", "--ramp", "10:30/s,2s", "--out", ws.reports().string(), "--no-progress"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  const json result = readJson(ws.reports() / "load.json");
  EXPECT_EQ(result["shape"]["model"], "open");
  EXPECT_EQ(result["shape"]["description"], "ramp 10->30/s over 2s");
  EXPECT_NEAR(result["totals"]["iterations"].get<double>(), 40.0, 3.0);  // (10 + 30) / 2 x 2 s
}

TEST(CliLoad, ExportsK6AndCurl) {
  CliWorkspace ws;
  const std::string bench = (fs::path(GPC_SOURCE_DIR) / "fixtures" / "load" / "bench.json").string();
  auto k6 = gpcAssure({"load", "--profile", bench, "--export", "k6", "--export-file", (ws.root() / "mix.js").string(), "--ramp",
                       "0:20/s,1m", "--percentile", "99"});
  ASSERT_EQ(k6.exitCode, 0) << k6.err;
  const std::string script = readText(ws.root() / "mix.js");
  EXPECT_NE(script.find("executor: 'ramping-arrival-rate'"), std::string::npos);
  EXPECT_NE(script.find("'http_req_duration{kind:query}': ['p(99)<3000']"), std::string::npos) << script.substr(0, 2000);
  EXPECT_NE(script.find("\"case\": \"FND-PAT-SRCH-007\""), std::string::npos);
  EXPECT_NE(script.find("Ssp-InteractionID"), std::string::npos);
  auto curl = gpcAssure({"load", "--profile", bench, "--export", "curl", "--export-count", "25", "--export-file",
                         (ws.root() / "mix.curl").string()});
  ASSERT_EQ(curl.exitCode, 0) << curl.err;
  const std::string config = readText(ws.root() / "mix.curl");
  std::size_t urls = 0;
  for (std::size_t at = 0; (at = config.find("\nurl = ", at)) != std::string::npos; ++at) ++urls;
  EXPECT_EQ(urls, 25u);
  // A case of several steps cannot be exported: named, exit 2.
  ws.write("multi.json", R"({"mix": [{"case": "FND-PAT-READ-001"}]})");
  auto refused = gpcAssure({"load", "--profile", (ws.root() / "multi.json").string(), "--export", "k6"});
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_NE(refused.err.find("/mix/0/case: case FND-PAT-READ-001 has 2 steps"), std::string::npos) << refused.err;
}

TEST(CliLoad, SigtermStopsAndStillWritesTheResult) {
  CliWorkspace ws;
  ChildProcess child({gpcAssureExe(), "load", "--duration", "60s", "--out", ws.reports().string(), "--no-progress"}, {{"NO_COLOR", "1"}});
  child.waitForOutput("load: ", 20s);
  std::this_thread::sleep_for(1500ms);
  child.signal(SIGTERM);
  const ProcessResult r = child.wait(20s);
  EXPECT_EQ(r.exitCode, 143) << r.out << r.err;
  const json result = readJson(ws.reports() / "load.json");
  EXPECT_EQ(result["stopped"], "interrupted by SIGTERM");
  EXPECT_LT(result["duration_seconds"].get<double>(), 30);
  EXPECT_GT(result["totals"]["requests"].get<int>(), 0);
}

TEST(CliLoad, BadInputIsNamed) {
  CliWorkspace ws;
  auto shape = gpcAssure({"load", "--rate", "20/s", "--concurrency", "4"});
  EXPECT_EQ(shape.exitCode, 2);
  EXPECT_NE(shape.err.find("gpc-assure load: --concurrency (a closed model) cannot be combined"), std::string::npos) << shape.err;
  ws.write("bad.json", R"({"mix": [{"case": "FND-PAT-SRCH-07"}]})");
  auto unknown = gpcAssure({"load", "--profile", (ws.root() / "bad.json").string(), "--duration", "1s"});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_NE(unknown.err.find("/mix/0/case: no suite has a case \"FND-PAT-SRCH-07\" (did you mean \"FND-PAT-SRCH-007\"?)"),
            std::string::npos)
      << unknown.err;
}

}  // namespace
}  // namespace gpc::testing
