// `run`'s pre-flight through the real binary: an unreadable TLS file or an unreachable provider
// stops the run before any case with exit 2 and one message; --keep-going runs the cases anyway.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

// A loopback port nothing listens on: bound without listen(), read, then closed, so a connect
// is refused.
std::string refusedRoot() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

TEST(CliPreflight, AnUnreachableProviderIsExitTwoNamingTheEndpointAndNothingRuns) {
  CliWorkspace ws;
  ws.writeTinySuites();
  const std::string url = refusedRoot() + "/B82617/STU3/1/gpconnect";
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(url).string(), "--suites-dir", ws.suites().string(),
                            "--out", ws.reports().string()});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("gpc-assure run: cannot reach the provider"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("foundations endpoint " + url), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--keep-going"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(ws.reports() / "report.json"));  // no case was run, nothing reported
}

TEST(CliPreflight, KeepGoingRunsTheCasesWhichErrorWithTheTransportError) {
  CliWorkspace ws;
  ws.writeTinySuites();
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(refusedRoot() + "/B82617/STU3/1/gpconnect").string(),
                            "--suites-dir", ws.suites().string(), "--out", ws.reports().string(), "--keep-going"});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("warning: cannot reach the provider"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("0 passed, 0 failed, 3 errored"), std::string::npos) << r.out;
}

TEST(CliPreflight, AnUnresolvableHostIsUnreachableToo) {
  CliWorkspace ws;
  ws.writeTinySuites();
  const auto r = gpcAssure({"run", "--target", ws.writeTarget("http://gpc-assure-no-such-host.invalid/x").string(),
                            "--suites-dir", ws.suites().string(), "--out", ws.reports().string()});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("foundations endpoint http://gpc-assure-no-such-host.invalid/x"), std::string::npos) << r.err;
}

// A TLS handshake that cannot be made (here: https to a plain HTTP listener) stops the run too.
TEST(CliPreflight, AFailedTlsHandshakeIsUnreachable) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  std::string url = provider.foundations();
  url.replace(0, 4, "https");
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(url).string(), "--suites-dir", ws.suites().string(),
                            "--out", ws.reports().string()});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("foundations endpoint " + url + ": SSL"), std::string::npos) << r.err;
  EXPECT_TRUE(provider.paths().empty());  // no request reached it
}

TEST(CliPreflight, OnlyTheGroupsTheSelectionUsesAreProbed) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  // The html endpoint is down, but no selected case talks to it.
  const auto target = ws.writeTarget(provider.foundations());
  nlohmann::json doc = nlohmann::json::parse(std::ifstream(target));
  doc["endpoints"]["html"] = refusedRoot() + "/B82617/DSTU2/1/gpconnect";
  std::ofstream(target) << doc.dump();
  const auto r = gpcAssure({"run", "--target", target.string(), "--suites-dir", ws.suites().string(), "--out",
                            ws.reports().string()});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
}

// Each TLS file of the target, unreadable in turn: exit 2 naming the target file, the key's
// JSON path and the file, before anything is sent.
TEST(CliPreflight, AnUnreadableTlsFileIsExitTwoNamingIt) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  ws.write("certs/ca.pem", "-----BEGIN CERTIFICATE-----\n");
  ws.write("certs/client.pem", "-----BEGIN CERTIFICATE-----\n");
  ws.write("certs/client.key", "-----BEGIN PRIVATE KEY-----\n");
  const auto target = ws.writeTarget(provider.foundations());
  const nlohmann::json original = nlohmann::json::parse(std::ifstream(target));
  const std::vector<std::pair<std::string, std::string>> files = {
      {"ca_bundle", "certs/ca.pem"}, {"client_cert", "certs/client.pem"}, {"client_key", "certs/client.key"}};
  for (const auto& [missing, _] : files) {
    nlohmann::json doc = original;
    for (const auto& [key, path] : files) doc["tls"][key] = key == missing ? "certs/missing-" + key : path;
    std::ofstream(target) << doc.dump();
    const auto r = gpcAssure({"run", "--target", target.string(), "--suites-dir", ws.suites().string(), "--out",
                              ws.reports().string()});
    EXPECT_EQ(r.exitCode, 2) << missing << ": " << r.out << r.err;
    EXPECT_NE(r.err.find(target.string() + ": /tls/" + missing + ": cannot read the "), std::string::npos)
        << missing << ": " << r.err;
    EXPECT_NE(r.err.find((ws.root() / ("certs/missing-" + missing)).string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("No such file or directory"), std::string::npos) << r.err;
    EXPECT_TRUE(provider.paths().empty()) << missing;  // nothing was sent
  }
}

}  // namespace
}  // namespace gpc::testing
