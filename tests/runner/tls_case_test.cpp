// request.tls, expect.transport and the target's tls endpoint/identities with a scripted transport
// (the live handshakes are tests/cli/curl_tls_live_test.cpp).

#include <gtest/gtest.h>

#include "runner/exec/case_executor.h"
#include "runner/suite/suite_loader.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

class TlsCaseTest : public ::testing::Test {
 protected:
  Target target = testing::referenceTarget();
  InteractionTable table = testing::projectInteractions();
  testing::FakeFhirServices fhir;
  Case load(const std::string& c) {
    return parseSuite(R"({"suite": "t.s", "capability": "security", "spec": "1.6.2", "interaction": "read:metadata", "cases": [)" + c + "]}",
                      "suites/t.json", table).at(0);
  }
  CaseResult run(const Case& c, Transport& t) {
    ExecContext ctx{target, t, fhir, "/fx"};
    return executeCase(c, ctx);
  }
};

HttpResponse failed(const std::string& error) {
  HttpResponse r;
  r.transportError = error;
  return r;
}

TEST_F(TlsCaseTest, OverrideReachesTheTransportWithPathsUnderFixtures) {
  testing::ScriptedTransport t([](const HttpRequest&) { return failed("SSL_connect: tlsv13 alert certificate required"); });
  auto c = load(R"({"id": "T", "title": "t", "requirement": "r", "request": {"tls": {"client_cert": "tls/c.pem", "client_key": "/abs/k.pem"}},
      "expect": {"transport": "handshake-refused"}})");
  auto result = run(c, t);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  ASSERT_TRUE(t.sent.at(0).tls.has_value());
  EXPECT_EQ(t.sent[0].tls->clientCert, "/fx/tls/c.pem");
  EXPECT_EQ(t.sent[0].tls->clientKey, "/abs/k.pem");
  EXPECT_FALSE(t.sent[0].tls->none);
}

TEST_F(TlsCaseTest, HttpStatusOrOtherErrorFailsTheTransportExpectation) {
  auto c = load(R"({"id": "T", "title": "t", "requirement": "r", "request": {"tls": {"none": true}}, "expect": {"transport": "handshake-refused"}})");
  testing::ScriptedTransport ok([](const HttpRequest&) { return testing::jsonResponse(403, nlohmann::json::object()); });
  auto r1 = run(c, ok);
  EXPECT_EQ(r1.verdict, Verdict::Failed);
  EXPECT_EQ(r1.reason, "expected handshake-refused, got HTTP status 403 [offered: no client certificate]");
  EXPECT_TRUE(ok.sent.at(0).tls->none);
  testing::ScriptedTransport refused([](const HttpRequest&) { return failed("Couldn't connect to server"); });
  EXPECT_EQ(run(c, refused).verdict, Verdict::Failed);
  auto c2 = load(R"({"id": "T", "title": "t", "requirement": "r", "expect": {"transport": "connection-refused"}})");
  EXPECT_EQ(run(c2, refused).verdict, Verdict::Passed);
}

TEST_F(TlsCaseTest, BadTlsFieldsAreLoadErrors) {
  try {
    load(R"({"id": "T", "title": "t", "requirement": "r", "request": {"tls": {"client_cert": "c.pem"}}, "expect": {"status": 200}})");
    FAIL();
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), "suites/t.json: /cases/0/request/tls: client_cert and client_key go together");
  }
  EXPECT_THROW(load(R"({"id": "T", "title": "t", "requirement": "r", "expect": {"transport": "refused"}})"), LoadError);
}

// The reference target plus what `run` adds for its TLS listener.
Target tlsTarget() {
  Target t = testing::referenceTarget();
  t.endpoints["tls"] = "https://127.0.0.1:9443/B82617/STU3/1/gpconnect";
  t.tree["endpoints"]["tls"] = t.endpoints["tls"];
  t.transport.clientCert = "/pki/client.pem";
  t.transport.clientKey = "/pki/client.key";
  TlsOverride expired;
  expired.identity = "expired";
  expired.clientCert = "/pki/expired.pem";
  expired.clientKey = "/pki/expired.key";
  t.tlsIdentities["expired"] = expired;
  return t;
}

TEST_F(TlsCaseTest, NamedIdentityVersionAndCiphersReachTheTransportOnTheTlsEndpoint) {
  target = tlsTarget();
  testing::ScriptedTransport t([](const HttpRequest&) { return failed("SSL connect error: alert certificate expired"); });
  auto c = load(R"({"id": "T", "title": "t", "requirement": "r",
      "request": {"endpoint": "tls", "tls": {"identity": "expired", "max_version": "1.2"}}, "expect": {"transport": "handshake-refused"}})");
  const auto result = run(c, t);
  EXPECT_EQ(result.verdict, Verdict::Passed);
  ASSERT_EQ(result.checks.size(), 1u);
  EXPECT_EQ(result.checks[0].message, "handshake-refused, as expected (SSL connect error: alert certificate expired) "
                                      "[offered: client identity expired, TLS <= 1.2]");
  const auto& sent = t.sent.at(0);
  EXPECT_EQ(sent.url, "https://127.0.0.1:9443/B82617/STU3/1/gpconnect/metadata");
  ASSERT_TRUE(sent.tls);
  EXPECT_EQ(sent.tls->identity, "expired");
  EXPECT_EQ(sent.tls->clientCert, "/pki/expired.pem");
  EXPECT_EQ(sent.tls->clientKey, "/pki/expired.key");
  EXPECT_EQ(sent.tls->maxVersion, "1.2");

  // Only the offer changes: the target's own identity stays.
  auto offer = load(R"({"id": "T-{cipher}", "title": "t", "requirement": "r",
      "request": {"endpoint": "tls", "tls": {"ciphers": "{cipher}"}}, "examples": {"cipher": ["AES128-SHA256"]},
      "expect": {"transport": "handshake-refused"}})");
  run(offer, t);
  ASSERT_TRUE(t.sent.at(1).tls);
  EXPECT_EQ(t.sent[1].tls->ciphers, "AES128-SHA256");
  EXPECT_EQ(t.sent[1].tls->clientCert, "/pki/client.pem");
  EXPECT_FALSE(t.sent[1].tls->none);
}

TEST_F(TlsCaseTest, AVersionRefusalDoesNotPassForARefusedIdentity) {
  target = tlsTarget();
  testing::ScriptedTransport t([](const HttpRequest&) {
    return failed("SSL connect error: error:0A00042E:SSL routines::tlsv1 alert protocol version");
  });
  auto identityCase = load(R"({"id": "T", "title": "t", "requirement": "r",
      "request": {"endpoint": "tls", "tls": {"identity": "expired", "max_version": "1.2"}}, "expect": {"transport": "handshake-refused"}})");
  const auto r = run(identityCase, t);
  EXPECT_EQ(r.verdict, Verdict::Failed);
  EXPECT_NE(r.reason.find("the client identity was never judged"), std::string::npos) << r.reason;
  auto versionCase = load(R"({"id": "T", "title": "t", "requirement": "r",
      "request": {"endpoint": "tls", "tls": {"max_version": "1.0"}}, "expect": {"transport": "handshake-refused"}})");
  EXPECT_EQ(run(versionCase, t).verdict, Verdict::Passed);
}

TEST_F(TlsCaseTest, TheTlsEndpointNeverGoesThroughSsp) {
  target = tlsTarget();
  target.sspPrefix = "https://proxy.example";
  testing::ScriptedTransport t([](const HttpRequest&) { return testing::jsonResponse(200, nlohmann::json::object()); });
  run(load(R"({"id": "T", "title": "t", "requirement": "r", "request": {"endpoint": "tls"}, "expect": {"status": 200}})"), t);
  run(load(R"({"id": "T", "title": "t", "requirement": "r", "expect": {"status": 200}})"), t);
  EXPECT_EQ(t.sent.at(0).url, "https://127.0.0.1:9443/B82617/STU3/1/gpconnect/metadata");
  EXPECT_EQ(t.sent.at(1).url.rfind("https://proxy.example/http://127.0.0.1:8080/", 0), 0u) << t.sent[1].url;
}

TEST_F(TlsCaseTest, WhatTheTargetCannotOfferIsSkippedAtRunTimeWithTheReason) {
  testing::ScriptedTransport t([](const HttpRequest&) { return testing::jsonResponse(200, nlohmann::json::object()); });
  auto c = load(R"({"id": "T", "title": "t", "requirement": "r",
      "request": {"endpoint": "tls", "tls": {"identity": "revoked"}}, "expect": {"transport": "handshake-refused"}})");
  auto noEndpoint = run(c, t);  // the plain reference target: no tls endpoint
  EXPECT_EQ(noEndpoint.verdict, Verdict::Skipped);
  EXPECT_EQ(noEndpoint.reason, "the target has no \"tls\" endpoint (interaction read:metadata)");
  target = tlsTarget();
  auto noIdentity = run(c, t);
  EXPECT_EQ(noIdentity.verdict, Verdict::Skipped);
  EXPECT_EQ(noIdentity.reason, "the target has no TLS client identity \"revoked\" (tls.identities.revoked)");
  EXPECT_TRUE(t.sent.empty());
}

TEST_F(TlsCaseTest, PlainHttpIsSentToTheSameEndpointWithoutTlsAndNotServedJudgesIt) {
  target = tlsTarget();
  auto c = load(R"({"id": "T", "title": "t", "requirement": "r",
      "request": {"endpoint": "tls", "tls": {"plain_http": true}}, "expect": {"transport": "not-served"}})");
  testing::ScriptedTransport closed([](const HttpRequest&) { return failed("Empty reply from server"); });
  EXPECT_EQ(run(c, closed).verdict, Verdict::Passed);
  EXPECT_EQ(closed.sent.at(0).url, "http://127.0.0.1:9443/B82617/STU3/1/gpconnect/metadata");
  EXPECT_FALSE(closed.sent[0].tls.has_value());
  testing::ScriptedTransport nginx([](const HttpRequest&) { return testing::jsonResponse(400, nlohmann::json::object()); });
  EXPECT_EQ(run(c, nginx).verdict, Verdict::Passed);
  testing::ScriptedTransport served([](const HttpRequest&) { return testing::jsonResponse(200, nlohmann::json::object()); });
  auto r = run(c, served);
  EXPECT_EQ(r.verdict, Verdict::Failed);
  EXPECT_EQ(r.reason, "expected not-served, got HTTP status 200");
}

TEST_F(TlsCaseTest, AClientThatCouldNotMakeTheOfferIsErroredNeverPassed) {
  target = tlsTarget();
  auto c = load(R"({"id": "T", "title": "t", "requirement": "r",
      "request": {"endpoint": "tls", "tls": {"ciphers": "ABC-DEF"}}, "expect": {"transport": "handshake-refused"}})");
  testing::ScriptedTransport t([](const HttpRequest&) {
    HttpResponse r = failed("Couldn't use specified SSL cipher: failed setting cipher list: ABC-DEF");
    r.clientFailure = true;
    return r;
  });
  auto result = run(c, t);
  EXPECT_EQ(result.verdict, Verdict::Errored);
  EXPECT_NE(result.reason.find("failed setting cipher list"), std::string::npos) << result.reason;
}

TEST_F(TlsCaseTest, TlsRequestFieldsAreCheckedAtLoad) {
  auto error = [&](const std::string& tls) {
    try {
      load(R"({"id": "T", "title": "t", "requirement": "r", "request": {"tls": )" + tls + R"(}, "expect": {"status": 200}})");
    } catch (const LoadError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  EXPECT_EQ(error(R"({"none": true, "identity": "expired"})"),
            "suites/t.json: /cases/0/request/tls: give at most one of \"none\": true, \"identity\", or \"client_cert\" and \"client_key\"");
  EXPECT_EQ(error(R"({"max_version": "1.4"})"),
            "suites/t.json: /cases/0/request/tls/max_version: expected \"1.0\", \"1.1\", \"1.2\" or \"1.3\", got \"1.4\"");
  EXPECT_EQ(error(R"({"plain_http": true, "max_version": "1.2"})"),
            "suites/t.json: /cases/0/request/tls: plain_http sends no TLS at all; it cannot be combined with other tls settings");
  EXPECT_EQ(error(R"({})"), "suites/t.json: /cases/0/request/tls: an empty tls object changes nothing; omit it");
  EXPECT_EQ(error(R"({"ciphers": ""})"), "suites/t.json: /cases/0/request/tls/ciphers: expected an OpenSSL cipher list");
  EXPECT_EQ(error(R"({"identity": "expired", "max_version": "1.2", "ciphers": "AES256-GCM-SHA384"})"), "loaded");
}

TEST(TlsTarget, TlsEndpointMustBeHttpsAndIdentitiesArePathsRelativeToTheFile) {
  const std::string base = R"({"name": "t", "asid": {"consumer": "1", "provider": "2"}, "practice": {"ods": "A1"},
      "jwt": {"iss": "https://c"}, "patients": {"p": {"nhsNumber": "9690937286"}}, )";
  auto t = parseTarget(base + R"("endpoints": {"foundations": "https://h/A1/STU3/1/gpconnect", "tls": "https://h:8443/A1/STU3/1/gpconnect"},
      "tls": {"identities": {"expired": {"client_cert": "certs/e.pem", "client_key": "/abs/e.key", "note": "from the assurance team"}}}})",
                       "x.json", "/base");
  EXPECT_EQ(t.endpoints.at("tls"), "https://h:8443/A1/STU3/1/gpconnect");
  ASSERT_EQ(t.tlsIdentities.count("expired"), 1u);
  EXPECT_EQ(t.tlsIdentities["expired"].clientCert, "/base/certs/e.pem");
  EXPECT_EQ(t.tlsIdentities["expired"].clientKey, "/abs/e.key");
  EXPECT_EQ(t.tlsIdentities["expired"].identity, "expired");
  // --base-url cannot say where a separate TLS listener went: it is dropped, not misdirected.
  applyBaseUrl(t, "http://127.0.0.1:1");
  EXPECT_EQ(t.endpoints.count("tls"), 0u);
  EXPECT_FALSE(t.tree["endpoints"].contains("tls"));
  try {
    parseTarget(base + R"("endpoints": {"tls": "http://h/A1/STU3/1/gpconnect"}})", "x.json", "/base");
    FAIL();
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()),
              "x.json: /endpoints/tls: the tls endpoint is the provider's TLS listener: expected an https:// URL");
  }
  try {
    parseTarget(base + R"("endpoints": {"foundations": "https://h/x"}, "tls": {"identities": {"e": {"client_cert": "c"}}}})",
                "x.json", "/base");
    FAIL();
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("/tls/identities/e"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gpc
