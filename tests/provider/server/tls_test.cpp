// HTTPS and mutual TLS: a throwaway CA, server and client certificates (runner/tls) in front of
// the reference provider, driven with httplib's own client (the curl side is tests/cli).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "provider/reference_provider.h"
#include "runner/tls/listener_options.h"
#include "runner/tls/throwaway_pki.h"
#include "tests/provider/provider_test_support.h"

namespace gpc::provider::testing {
namespace {

namespace fs = std::filesystem;

class CoreTls : public ::testing::Test {
 protected:
  // One PKI for the whole executable (made on first use, its directory removed at exit).
  static const tls::ThrowawayPki& pki() {
    static const tls::ThrowawayPki shared;
    return shared;
  }
  static ProviderOptions tlsOptions(bool mutual) {
    ProviderOptions o;
    o.threads = 2;
    o.tls = TlsOptions{pki().server().cert, pki().server().key, mutual ? pki().caCert() : fs::path(), {}, {}};
    return o;
  }
  static httplib::Result get(int port, const tls::PemPair* client) {
    auto c = client ? std::make_unique<httplib::SSLClient>("127.0.0.1", port, client->cert.string(), client->key.string())
                    : std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    c->set_ca_cert_path(pki().caCert().c_str());
    c->enable_server_certificate_verification(true);
    c->set_connection_timeout(5);
    c->set_read_timeout(5);
    return send(*c, metadataCall());
  }
};

TEST_F(CoreTls, ServesHttpsVerifiedAgainstTheTestCa) {
  ReferenceProvider p(tlsOptions(false));
  p.start();
  EXPECT_TRUE(p.rootUrl().starts_with("https://127.0.0.1:"));
  EXPECT_EQ(p.tlsListenerPort(), 0);
  EXPECT_EQ(p.tlsListenerRootUrl(), "");
  auto res = get(p.port(), nullptr);
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
}

TEST_F(CoreTls, MutualTlsRejectsClientsWithoutACertificate) {
  ReferenceProvider p(tlsOptions(true));
  p.start();
  auto anonymous = get(p.port(), nullptr);
  EXPECT_FALSE(anonymous) << "a client without a certificate got status " << anonymous->status;
  auto res = get(p.port(), &pki().client());
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
}

// The second listener: plain HTTP stays on port(), mutual TLS with CRL and host rules on its own.
TEST_F(CoreTls, TlsListenerServesBesideThePlainListenerAndRefusesEachBadIdentity) {
  ProviderOptions o;
  o.threads = 2;
  o.tlsListener = tls::mutualTlsListenerOptions(pki());
  ReferenceProvider p(o);
  p.start();
  EXPECT_TRUE(p.rootUrl().starts_with("http://127.0.0.1:"));
  ASSERT_GT(p.tlsListenerPort(), 0);
  EXPECT_NE(p.tlsListenerPort(), p.port());
  EXPECT_EQ(p.tlsListenerRootUrl(), "https://127.0.0.1:" + std::to_string(p.tlsListenerPort()));
  httplib::Client plain("127.0.0.1", p.port());
  auto overHttp = send(plain, metadataCall());
  ASSERT_TRUE(overHttp);
  EXPECT_EQ(overHttp->status, 200);
  auto good = get(p.tlsListenerPort(), &pki().client());
  ASSERT_TRUE(good) << httplib::to_string(good.error());
  EXPECT_EQ(good->status, 200);
  for (const auto& [name, pair] : pki().badClients()) {
    auto res = get(p.tlsListenerPort(), &pair);
    EXPECT_FALSE(res) << name << " client certificate accepted with status " << res->status;
  }
}

// Each fault lifts exactly the rule it names: the identity it concerns gets through.
TEST_F(CoreTls, ClientIdentityFaultsLetTheirIdentityThrough) {
  const std::vector<std::pair<std::string, std::string>> faultAndIdentity = {
      {"tls-revocation-not-checked", tls::ThrowawayPki::kRevoked},
      {"tls-client-host-not-checked", tls::ThrowawayPki::kOtherHost}};
  for (const auto& [fault, identity] : faultAndIdentity) {
    ProviderOptions o;
    o.threads = 2;
    o.faults = {fault};
    o.tlsListener = tls::mutualTlsListenerOptions(pki());
    ReferenceProvider p(o);
    p.start();
    auto res = get(p.tlsListenerPort(), &pki().badClients().at(identity));
    ASSERT_TRUE(res) << fault << ": " << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200) << fault;
    EXPECT_FALSE(get(p.tlsListenerPort(), &pki().badClients().at(tls::ThrowawayPki::kExpired))) << fault;
  }
}

TEST_F(CoreTls, BadTlsFilesAreNamed) {
  ProviderOptions o = tlsOptions(false);
  o.tls->keyFile = pki().dir() / "missing.key";
  try {
    ReferenceProvider p(o);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.key"), std::string::npos) << e.what();
  }
  o = tlsOptions(false);
  o.tls->keyFile = pki().client().key;  // readable, but not the certificate's key
  try {
    ReferenceProvider p(o);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    // Either wording names the key and says it does not fit (an EC key beside an RSA certificate
    // loads into its own slot and fails the match check).
    EXPECT_NE(std::string(e.what()).find("client.key"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("match"), std::string::npos) << e.what();
  }
  o = tlsOptions(true);
  o.tls->clientCrlFile = pki().dir() / "no.crl";
  try {
    ReferenceProvider p(o);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no.crl"), std::string::npos) << e.what();
  }
}

TEST(ThrowawayPki, WritesEveryFileAndRemovesItsDirectory) {
  fs::path dir;
  {
    tls::ThrowawayPki pki;
    dir = pki.dir();
    for (const auto& f : {pki.caCert(), pki.crl(), pki.server().cert, pki.server().key, pki.client().cert, pki.client().key})
      EXPECT_GT(fs::file_size(f), 100u) << f;
    EXPECT_EQ(pki.badClients().size(), 4u);
    for (const auto& [name, pair] : pki.badClients()) EXPECT_TRUE(fs::exists(pair.cert) && fs::exists(pair.key)) << name;
    EXPECT_EQ(fs::status(dir).permissions() & fs::perms::others_all, fs::perms::none);  // keys are private
  }
  EXPECT_FALSE(fs::exists(dir));
}

TEST(ThrowawayPki, AnUnwritableParentIsNamed) {
  try {
    tls::ThrowawayPki pki("/nonexistent-gpc-dir");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-gpc-dir"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gpc::provider::testing
