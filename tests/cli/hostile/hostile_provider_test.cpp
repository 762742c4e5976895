// The real gpc-assure against a provider that misbehaves in every way a socket allows: each
// case must end failed or errored with evidence, within the --timeout budget, in bounded
// memory, and every report must still be written and valid.
#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../child_process.h"
#include "../cli_workspace.h"
#include "hostile_server.h"
#include "hostile_suite.h"
#include "report_validity.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kTimeoutSeconds = 3;
constexpr long kPeakRssLimitKiB = 300 * 1024;

struct HostileCase {
  std::string behaviour;
  std::string evidence;  // text the case's JSON must hold (transport error or response)
};

const std::vector<HostileCase>& hostileCases() {
  static const std::vector<HostileCase> cases = {
      {"dribble", "Timeout was reached"},
      {"silent", "Timeout was reached"},
      {"close-mid-body", "transfer closed with"},
      {"huge-body", "\"body_truncated\": true"},
      {"gzip-bomb", "\"body_truncated\": true"},
      {"bad-chunked", "chunk"},
      {"bad-utf8", "X-Bad-Bytes"},
      {"deep-json", "\"status\": 200"},
      {"many-headers", "X-Filler-"},
      {"tls-to-plain", "SSL"},
  };
  return cases;
}

std::string caseId(const std::string& behaviour) {
  std::string id = "HOSTILE-";
  for (char c : behaviour) id += c == '-' ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return id;
}

// One case per behaviour, each asking for what a real metadata case would (status, headers,
// profile validation, a body assertion), so the whole response path runs: transport, parsing,
// checks, reports.
std::string allHostileCases(int port) {
  const json expect = {{"status", 200},
                       {"headers",
                        {{"Cache-Control", {{"contains", "no-store"}}},
                         {"X-Filler-9999", {{"absent", true}}},
                         {"X-Bad-Bytes", {{"absent", true}}}}},
                       {"validate", true},
                       {"assert", json::array({{{"pointer", "/resourceType"}, {"equals", "CapabilityStatement"}}})}};
  json cases = json::array();
  for (const auto& c : hostileCases()) {
    json request = json::object();
    if (c.behaviour == "gzip-bomb") request["headers"] = {{"Accept-Encoding", "gzip"}};
    if (c.behaviour == "tls-to-plain") request["url"] = "https://127.0.0.1:" + std::to_string(port) + "/hostile/tls";
    cases.push_back(hostileCase(caseId(c.behaviour), c.behaviour, request, expect));
  }
  return hostileSuite(cases);
}

class HostileProvider : public ::testing::Test {
 protected:
  void SetUp() override { ws_.writeSuite("hostile/provider.json", allHostileCases(server_.port())); }

  ProcessResult run(std::vector<std::string> extra) {
    std::vector<std::string> args = {"run", "--target", ws_.writeTarget(server_.foundations()).string(),
                                     "--suites-dir", ws_.suites().string(), "--out", ws_.reports().string(),
                                     "--timeout", std::to_string(kTimeoutSeconds)};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto started = std::chrono::steady_clock::now();
    ProcessResult r = gpcAssure(args);
    elapsed_ = std::chrono::steady_clock::now() - started;
    return r;
  }

  // The largest resident set of any child reaped so far (this test's gpc-assure runs only:
  // ctest runs each test in its own process).
  static long peakChildRssKiB() {
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss;
  }

  json caseJson(const json& report, const std::string& id) {
    for (const auto& c : report["cases"])
      if (c["id"] == id) return c;
    ADD_FAILURE() << "no case " << id << " in report.json";
    return json::object();
  }

  HostileServer server_;
  CliWorkspace ws_;
  std::chrono::steady_clock::duration elapsed_{};
};

TEST_F(HostileProvider, EveryMisbehaviourEndsAsAFailedOrErroredCaseWithEvidence) {
  for (const auto& c : hostileCases()) {
    SCOPED_TRACE(c.behaviour);
    const ProcessResult r = run({"--case", caseId(c.behaviour)});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    // The case itself must end within the timeout (plus its checks); the process also loads
    // profiles and writes reports, which on shared cores takes a few seconds more.
    EXPECT_LT(elapsed_, std::chrono::seconds(kTimeoutSeconds + 20)) << "the run hung past its budget";
    const ReportCheck reports = checkReports(ws_.reports());
    ASSERT_TRUE(reports.problems.empty()) << reports.problems;
    const json one = caseJson(reports.json, caseId(c.behaviour));
    EXPECT_TRUE(one["verdict"] == "failed" || one["verdict"] == "errored") << one["verdict"];
    EXPECT_LT(one["duration_ms"].get<double>(), kTimeoutSeconds * 1000.0 + 3000) << "the --timeout budget was not kept";
    ASSERT_FALSE(one["exchanges"].empty()) << "no evidence";
    EXPECT_NE(one["exchanges"].dump(1).find(c.evidence), std::string::npos)
        << "evidence lacks '" << c.evidence << "': " << one["exchanges"].dump(1).substr(0, 3000);
  }
  EXPECT_LT(peakChildRssKiB(), kPeakRssLimitKiB);
}

TEST_F(HostileProvider, AWholeRunOfThemStaysInBudgetAndWritesValidReports) {
  const ProcessResult r = run({"--jobs", "4"});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  const std::string totals = "0 passed, ";
  EXPECT_NE(r.out.find(totals), std::string::npos) << r.out;
  // Ten cases, four at a time, the slowest ones each cut at the timeout.
  EXPECT_LT(elapsed_, std::chrono::seconds(3 * kTimeoutSeconds + 20));
  const ReportCheck reports = checkReports(ws_.reports());
  ASSERT_TRUE(reports.problems.empty()) << reports.problems;
  EXPECT_EQ(reports.json["cases"].size(), hostileCases().size());
  const long peak = peakChildRssKiB();
  EXPECT_LT(peak, kPeakRssLimitKiB) << "peak RSS " << peak / 1024 << " MiB";
  std::cout << "[ figures ] whole hostile run: " << std::chrono::duration<double>(elapsed_).count()
            << " s, peak RSS " << peak / 1024 << " MiB\n";
}

}  // namespace
}  // namespace gpc::testing
