// CurlTransport's per-request TLS override against a live mutual-TLS listener of the reference
// provider, with a throwaway PKI made for this test: the handshakes really happen on loopback.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <memory>

#include "provider/reference_provider.h"
#include "runner/http/curl_transport.h"
#include "runner/request/jwt.h"
#include "runner/suite/interactions.h"
#include "runner/target/target.h"
#include "runner/tls/listener_options.h"
#include "runner/tls/throwaway_pki.h"

namespace gpc::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMetadata = "/B82617/STU3/1/gpconnect/metadata";

// A well-formed metadata request, headers and JWT as the runner builds them for the reference target.
HttpRequest metadataRequest(const std::string& root) {
  const fs::path src = GPC_SOURCE_DIR;
  static const InteractionTable table = loadInteractions(src / "suites" / "interactions.json");
  static const Target target = loadTarget(src / "fixtures" / "targets" / "reference.json");
  const Interaction& interaction = table.at("read:metadata");
  HttpRequest r;
  r.method = "GET";
  r.url = root + kMetadata;
  r.headers = {{"Ssp-TraceID", "0b8e2a5c-3f1e-4a0e-9d8e-0f0c3b1a2d4e"},
               {"Ssp-From", target.consumerAsid},
               {"Ssp-To", target.providerAsid},
               {"Ssp-InteractionID", interaction.interactionId},
               {"Accept", "application/fhir+json"},
               {"Authorization", "Bearer " + *buildJwt(target, interaction, std::chrono::system_clock::now(), {}, "").token}};
  return r;
}

class CurlTlsLive : public ::testing::Test {
 protected:
  // One PKI for the whole executable (made on first use, its directory removed at exit).
  static const tls::ThrowawayPki& pki() {
    static const tls::ThrowawayPki shared;
    return shared;
  }

  void startProvider(std::set<std::string> faults = {}) {
    provider::ProviderOptions o;
    o.threads = 2;
    o.faults = std::move(faults);
    o.tlsListener = tls::mutualTlsListenerOptions(pki());
    provider_ = std::make_unique<provider::ReferenceProvider>(o);
    provider_->start();
  }
  // The target's view: trusts the run's CA, presents the valid client certificate; short
  // timeouts so a listener that hung would fail the test, not stall it.
  static TransportOptions targetOptions() {
    TransportOptions o;
    o.connectTimeoutSeconds = 5;
    o.timeoutSeconds = 5;
    o.caBundle = pki().caCert().string();
    o.clientCert = pki().client().cert.string();
    o.clientKey = pki().client().key.string();
    return o;
  }
  HttpResponse send(const std::optional<TlsOverride>& tls, CurlTransport* transport = nullptr) {
    CurlTransport own(targetOptions());
    HttpRequest r = metadataRequest(provider_->tlsListenerRootUrl());
    r.tls = tls;
    return (transport ? *transport : own).send(r);
  }
  static TlsOverride identity(const std::string& name) {
    TlsOverride t;
    t.identity = name;
    t.clientCert = pki().badClients().at(name).cert.string();
    t.clientKey = pki().badClients().at(name).key.string();
    t.maxVersion = "1.2";
    return t;
  }
  static TlsOverride offering(std::string maxVersion, std::string ciphers = "") {
    TlsOverride t;
    t.clientCert = pki().client().cert.string();
    t.clientKey = pki().client().key.string();
    t.maxVersion = std::move(maxVersion);
    t.ciphers = std::move(ciphers);
    return t;
  }
  static void expectRefusedByProvider(const HttpResponse& r, const std::string& what, const std::string& alert = "") {
    EXPECT_EQ(r.status, 0) << what;
    EXPECT_FALSE(r.clientFailure) << what << ": " << r.transportError;
    EXPECT_NE(r.transportError.find("SSL"), std::string::npos) << what << ": " << r.transportError;
    if (!alert.empty()) {
      EXPECT_NE(r.transportError.find(alert), std::string::npos) << what << ": " << r.transportError;
    }
  }

  std::unique_ptr<provider::ReferenceProvider> provider_;
};

TEST_F(CurlTlsLive, TheTargetsClientCertificateIsServedOverTls13AndTls12) {
  startProvider();
  const auto plain = send(std::nullopt);
  EXPECT_EQ(plain.status, 200) << plain.transportError << plain.body;
  const auto tls12 = send(offering("1.2"));
  EXPECT_EQ(tls12.status, 200) << tls12.transportError;
  EXPECT_NE(tls12.body.find("CapabilityStatement"), std::string::npos);
}

TEST_F(CurlTlsLive, EveryBadClientIdentityIsRefusedInTheHandshake) {
  startProvider();
  TlsOverride none;
  none.none = true;
  none.maxVersion = "1.2";
  expectRefusedByProvider(send(none), "no certificate", "alert handshake failure");
  expectRefusedByProvider(send(identity(tls::ThrowawayPki::kExpired)), "expired");
  expectRefusedByProvider(send(identity(tls::ThrowawayPki::kUntrusted)), "untrusted", "alert");
  expectRefusedByProvider(send(identity(tls::ThrowawayPki::kRevoked)), "revoked", "alert certificate revoked");
  expectRefusedByProvider(send(identity(tls::ThrowawayPki::kOtherHost)), "other host", "alert bad certificate");
}

TEST_F(CurlTlsLive, NoCertificateOverTls13GetsNoHttpResponse) {
  startProvider();
  TlsOverride none;
  none.none = true;
  const auto r = send(none);
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.transportError.empty());
  EXPECT_FALSE(r.clientFailure);
}

TEST_F(CurlTlsLive, Tls10And11AreRefusedAndTheClientReallyOffersThem) {
  startProvider();
  expectRefusedByProvider(send(offering("1.0")), "TLS 1.0", "alert protocol version");
  expectRefusedByProvider(send(offering("1.1")), "TLS 1.1", "alert protocol version");
  // The same requests succeed against a listener that allows them, so the refusals above are
  // the provider's, not a client that could not offer the version.
  startProvider({"tls-accepts-tls1.0"});
  EXPECT_EQ(send(offering("1.0")).status, 200);
  EXPECT_EQ(send(offering("1.1")).status, 200);
}

TEST_F(CurlTlsLive, CipherOffersOutsideTheSpecFamiliesAreRefused) {
  startProvider();
  expectRefusedByProvider(send(offering("", "NULL-MD5")), "NULL-MD5", "alert handshake failure");
  expectRefusedByProvider(send(offering("", "AES128-SHA256")), "AES128-SHA256", "alert handshake failure");
  EXPECT_EQ(send(offering("", "ECDHE-RSA-AES256-GCM-SHA384")).status, 200);
  EXPECT_EQ(send(offering("", "DHE-RSA-AES256-GCM-SHA384")).status, 200);
  startProvider({"tls-any-cipher"});
  EXPECT_EQ(send(offering("", "NULL-MD5")).status, 200);  // the client really offered it
}

TEST_F(CurlTlsLive, AnUnknownCipherNameOnlyIsTheClientsFailure) {
  startProvider();
  const auto r = send(offering("", "ABC-DEF"));
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.clientFailure) << r.transportError;
}

TEST_F(CurlTlsLive, AProviderCertificateTheTargetDoesNotTrustIsTheClientsFailure) {
  startProvider();
  const tls::ThrowawayPki other;
  TransportOptions o = targetOptions();
  o.caBundle = other.caCert().string();
  CurlTransport transport(o);
  const auto r = transport.send(metadataRequest(provider_->tlsListenerRootUrl()));
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.clientFailure) << r.transportError;
  EXPECT_NE(r.transportError.find("ca_bundle"), std::string::npos) << r.transportError;
  // With an identity override the same misconfiguration must not read as "provider refused".
  const auto withOverride = send(identity(tls::ThrowawayPki::kExpired), &transport);
  EXPECT_TRUE(withOverride.clientFailure) << withOverride.transportError;
  // With verification off (tls.verify false) the client refuses nothing: a refusal is the provider's.
  o.verifyPeer = false;
  CurlTransport unverified(o);
  EXPECT_EQ(unverified.send(metadataRequest(provider_->tlsListenerRootUrl())).status, 200);
  expectRefusedByProvider(send(identity(tls::ThrowawayPki::kRevoked), &unverified), "revoked, unverified",
                          "alert certificate revoked");
}

TEST_F(CurlTlsLive, PlainHttpToTheTlsPortFailsCleanlyAndFast) {
  startProvider();
  CurlTransport transport(targetOptions());
  HttpRequest r = metadataRequest(provider_->tlsListenerRootUrl());
  r.url = "http://" + r.url.substr(std::string("https://").size());
  const auto response = transport.send(r);
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.transportError.empty());
  EXPECT_FALSE(response.clientFailure);
  EXPECT_LT(response.elapsedMs, 4000) << "waited for a timeout instead of a closed connection";
}

TEST_F(CurlTlsLive, AnOverrideDoesNotLeakIntoTheNextRequestOnAPooledHandle) {
  startProvider();
  CurlTransport transport(targetOptions());
  TlsOverride none;
  none.none = true;
  none.maxVersion = "1.2";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(send(none, &transport).status, 0);
    const auto ok = send(std::nullopt, &transport);
    EXPECT_EQ(ok.status, 200) << ok.transportError;
  }
}

}  // namespace
}  // namespace gpc::http
