// request.tls and expect.transport with a scripted transport (the curl side is the CLI engineer's).

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
  EXPECT_EQ(r1.reason, "expected handshake-refused, got HTTP status 403");
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

}  // namespace
}  // namespace gpc
