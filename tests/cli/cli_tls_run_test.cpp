// `gpc-assure run` and the security.tls suite through the real binary: the embedded provider's
// mutual-TLS listener judges every case, faults fail them, the throwaway keys do not outlive
// the run, and a target without a TLS endpoint skips the cases with the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

class CliTlsRun : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(ws.suites() / "security");
    fs::copy_file(fs::path(GPC_SOURCE_DIR) / "suites" / "security" / "tls.json", ws.suites() / "security" / "tls.json");
    fs::create_directories(tmp());
  }
  // The run's own temp dir (TMPDIR), so leftovers of this run alone can be seen.
  fs::path tmp() const { return ws.root() / "tmp"; }
  ProcessResult run(std::vector<std::string> extra) const {
    std::vector<std::string> argv = {gpcAssureExe(), "run", "--suites-dir", ws.suites().string(), "--out",
                                     ws.reports().string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return runProcess(argv, {{"NO_COLOR", "1"}, {"TMPDIR", tmp().string()}});
  }
  nlohmann::json report() const {
    std::ifstream in(ws.reports() / "report.json");
    return nlohmann::json::parse(in);
  }
  CliWorkspace ws;
};

TEST_F(CliTlsRun, TheEmbeddedRunJudgesEveryTlsCaseAndDeletesItsKeys) {
  const auto r = run({"--jobs", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("17 passed, 0 failed, 0 errored, 0 skipped"), std::string::npos) << r.out;
  const auto text = report().dump();
  EXPECT_NE(text.find("https://127.0.0.1:"), std::string::npos) << "evidence names the TLS listener";
  EXPECT_NE(text.find("alert protocol version"), std::string::npos) << "the TLS 1.0 refusal is the provider's alert";
  EXPECT_TRUE(fs::is_empty(tmp())) << "the throwaway PKI directory was left behind";
}

TEST_F(CliTlsRun, ATlsFaultFailsTheCaseForItsRule) {
  const auto r = run({"--fault", "tls-accepts-tls1.0"});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL  SEC-TLS-VERSION-1.0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("15 passed, 2 failed, 0 errored, 0 skipped"), std::string::npos) << r.out;
}

TEST_F(CliTlsRun, ATargetWithoutATlsEndpointSkipsTheCasesWithTheReason) {
  // --base-url moves the plain endpoints and drops the tls one: nothing is sent anywhere.
  const auto r = run({"--base-url", "http://127.0.0.1:1"});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("0 passed, 0 failed, 0 errored, 17 skipped"), std::string::npos) << r.out;
  for (const auto& c : report()["cases"])
    EXPECT_EQ(c["reason"], "the target has no \"tls\" endpoint (interaction read:metadata)") << c["id"];
}

}  // namespace
}  // namespace gpc::testing
