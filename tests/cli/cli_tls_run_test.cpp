// `gpc-assure run` and the security.tls suite through the real binary: the embedded provider's
// mutual-TLS listener judges every case, faults fail them, the throwaway keys do not outlive
// the run, and a target without a TLS endpoint skips the cases with the reason.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "child_process.h"
#include "cli_workspace.h"
#include "runner/tls/throwaway_pki.h"

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
  EXPECT_NE(r.out.find("21 passed, 0 failed, 0 errored, 0 skipped"), std::string::npos) << r.out;
  const auto text = report().dump();
  EXPECT_NE(text.find("https://127.0.0.1:"), std::string::npos) << "evidence names the TLS listener";
  EXPECT_NE(text.find("alert protocol version"), std::string::npos) << "the TLS 1.0 refusal is the provider's alert";
  EXPECT_TRUE(fs::is_empty(tmp())) << "the throwaway PKI directory was left behind";
}

TEST_F(CliTlsRun, ATlsFaultFailsTheCaseForItsRule) {
  const auto r = run({"--fault", "tls-accepts-tls1.0"});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL  SEC-TLS-VERSION-1.0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("19 passed, 2 failed, 0 errored, 0 skipped"), std::string::npos) << r.out;
}

TEST_F(CliTlsRun, ATargetWithoutATlsEndpointSkipsTheCasesWithTheReason) {
  // --base-url moves the plain endpoints and drops the tls one: nothing is sent anywhere.
  const auto r = run({"--base-url", "http://127.0.0.1:1"});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("0 passed, 0 failed, 0 errored, 21 skipped"), std::string::npos) << r.out;
  for (const auto& c : report()["cases"])
    EXPECT_EQ(c["reason"], "the target has no \"tls\" endpoint (interaction read:metadata)") << c["id"];
}

// The shape docs/target-file.md asks of a real provider, end to end: `serve` as a mutual-TLS
// provider (client CA, CRL, SSP host), and a target file whose endpoints.tls, tls.client_cert
// and tls.identities point at it and at the assurance certificates.
TEST_F(CliTlsRun, AServedTlsProviderIsJudgedThroughATargetFile) {
  using namespace std::chrono_literals;
  const tls::ThrowawayPki pki(ws.root());
  ChildProcess serve({gpcAssureExe(), "serve", "--port", "0", "--tls-cert", pki.server().cert.string(), "--tls-key",
                      pki.server().key.string(), "--client-ca", pki.caCert().string(), "--client-crl",
                      pki.crl().string(), "--client-host", pki.clientHost()});
  const std::string banner = serve.waitForOutput("Stop with", 20s);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(banner, m, std::regex("listening on (https://127\\.0\\.0\\.1:[0-9]+)"))) << banner;

  std::ifstream in(fs::path(GPC_SOURCE_DIR) / "fixtures" / "targets" / "reference.json");
  auto target = nlohmann::json::parse(in);
  target["name"] = "served TLS provider";
  for (auto& [group, url] : target["endpoints"].items()) {
    const std::string path = url.get<std::string>().substr(url.get<std::string>().find('/', 8));
    url = m[1].str() + path;
  }
  target["endpoints"]["tls"] = m[1].str() + "/B82617/STU3/1/gpconnect";
  target["tls"] = {{"ca_bundle", pki.caCert().string()},
                   {"client_cert", pki.client().cert.string()},
                   {"client_key", pki.client().key.string()},
                   {"identities", nlohmann::json::object()}};
  for (const auto& [name, pair] : pki.badClients())
    target["tls"]["identities"][name] = {{"client_cert", pair.cert.string()}, {"client_key", pair.key.string()}};
  ws.write("served.json", target.dump(2));

  const auto r = run({"--target", (ws.root() / "served.json").string()});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("21 passed, 0 failed, 0 errored, 0 skipped"), std::string::npos) << r.out;
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(10s).exitCode, 0);
}

}  // namespace
}  // namespace gpc::testing
