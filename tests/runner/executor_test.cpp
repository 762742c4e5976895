#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <thread>

#include "runner/exec/case_executor.h"
#include "runner/suite/suite_loader.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

using nlohmann::json;

class ExecutorTest : public ::testing::Test {
 protected:
  Target target = testing::referenceTarget();
  InteractionTable table = testing::projectInteractions();
  testing::FakeFhirServices fhir;

  Case load(const std::string& cases) {
    auto loaded = parseSuite(R"({"suite": "t.s", "capability": "foundations", "spec": "1.6.2", "interaction": "read:metadata", "cases": [)" +
                                 cases + "]}",
                             "suites/t.json", table);
    return loaded.at(0);
  }
  CaseResult run(const Case& c, Transport& transport) {
    ExecContext ctx{target, transport, fhir, GPC_SOURCE_DIR};
    return executeCase(c, ctx);
  }
};

TEST_F(ExecutorTest, PassesAndKeepsEvidence) {
  testing::ScriptedTransport transport([](const HttpRequest&) {
    return testing::jsonResponse(200, {{"resourceType", "CapabilityStatement"}});
  });
  auto result = run(load(R"({"id": "M", "title": "t", "requirement": "r", "expect": {"status": 200, "resource": {"type": "CapabilityStatement"},
      "headers": {"Cache-Control": {"contains": "no-store"}}}})"), transport);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  EXPECT_EQ(result.info.id, "M");
  ASSERT_EQ(result.exchanges.size(), 1u);
  EXPECT_EQ(result.exchanges[0].request.url, "http://127.0.0.1:8080/B82617/STU3/1/gpconnect/metadata");
  EXPECT_EQ(result.exchanges[0].interaction, "read:metadata");
  EXPECT_EQ(json::parse(result.exchanges[0].jwtPayload)["requested_scope"], "organization/*.read");
  EXPECT_EQ(result.checks.size(), 4u) << "three expectations and the latency budget";
  EXPECT_EQ(result.checks.back().kind, "latency");
  EXPECT_EQ(result.exchanges[0].kind, "query");
  for (const auto& c : result.checks) EXPECT_EQ(c.step, "main");
}

TEST_F(ExecutorTest, EveryAnswerIsHeldToItsInteractionsLatencyBudget) {
  double providerMs = 0;
  testing::ScriptedTransport transport([&](const HttpRequest&) {
    auto r = testing::jsonResponse(200, {{"resourceType", "CapabilityStatement"}});
    r.providerMs = providerMs;
    return r;
  });
  const auto c = load(R"({"id": "M", "title": "t", "requirement": "r", "expect": {"status": 200}})");
  providerMs = 2999;  // a query: over SHOULD, under SHALL
  auto result = run(c, transport);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  EXPECT_TRUE(result.checks.back().warning);
  providerMs = 3000;
  result = run(c, transport);
  EXPECT_EQ(result.verdict, Verdict::Failed);
  EXPECT_EQ(result.reason, "answered in 3000.0 ms: over the query SHALL limit of 3000 ms");
}

TEST_F(ExecutorTest, FailsWithTheFirstFailure) {
  testing::ScriptedTransport transport([](const HttpRequest&) { return testing::jsonResponse(500, json::object()); });
  auto result = run(load(R"({"id": "M", "title": "t", "requirement": "r", "expect": {"status": 200}})"), transport);
  EXPECT_EQ(result.verdict, Verdict::Failed);
  EXPECT_EQ(result.reason, "expected HTTP status 200, got 500");
}

TEST_F(ExecutorTest, FreshTraceIdPerRequest) {
  testing::ScriptedTransport transport([](const HttpRequest&) { return testing::jsonResponse(200, json::object()); });
  auto c = load(R"({"id": "M", "title": "t", "requirement": "r", "steps": [{"name": "a", "expect": {"status": 200}}, {"name": "b", "expect": {"status": 200}}]})");
  run(c, transport);
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[0].headers[0].name, "Ssp-TraceID");
  EXPECT_NE(transport.sent[0].headers[0].value, transport.sent[1].headers[0].value);
}

TEST_F(ExecutorTest, CapturesFlowIntoLaterSteps) {
  testing::ScriptedTransport transport([](const HttpRequest& r) {
    if (r.url.find("/Patient?") != std::string::npos)
      return testing::jsonResponse(200, json::parse(R"({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient", "id": "abc"}}]})"));
    return testing::jsonResponse(200, {{"resourceType", "Patient"}, {"id", r.url.substr(r.url.rfind('/') + 1)}});
  });
  auto c = load(R"({"id": "S", "title": "t", "requirement": "r", "steps": [
      {"name": "find", "interaction": "search:patient", "request": {"query": [["identifier", "https://fhir.nhs.uk/Id/nhs-number|{patients.patient2.nhsNumber}"]]},
       "expect": {"status": 200}, "capture": {"pid": "/entry/0/resource/id"}},
      {"name": "read", "interaction": "read:patient", "request": {"path_params": {"id": "{capture.pid}"}},
       "expect": {"status": 200, "assert": [{"pointer": "/id", "equals": "{capture.pid}"}]}}]})");
  auto result = run(c, transport);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[1].url, "http://127.0.0.1:8080/B82617/STU3/1/gpconnect/Patient/abc");
  EXPECT_EQ(result.exchanges[1].step, "read");
}

TEST_F(ExecutorTest, CaptureThatFindsNothingFailsTheStep) {
  testing::ScriptedTransport transport([](const HttpRequest&) {
    return testing::jsonResponse(200, json::parse(R"({"resourceType": "Bundle"})"));
  });
  auto c = load(R"({"id": "S", "title": "t", "requirement": "r", "steps": [
      {"name": "find", "interaction": "search:patient", "expect": {"status": 200}, "capture": {"pid": "/entry/0/resource/id"}},
      {"name": "read", "interaction": "read:patient", "request": {"path_params": {"id": "{capture.pid}"}}, "expect": {"status": 200}}]})");
  auto result = run(c, transport);
  EXPECT_EQ(result.verdict, Verdict::Failed);
  EXPECT_EQ(result.reason, "step \"find\": capture {capture.pid}: nothing at /entry/0/resource/id");
  EXPECT_EQ(transport.sent.size(), 1u);  // a failed step stops the case
}

TEST_F(ExecutorTest, SkippedErroredAndMissingEndpoint) {
  testing::ScriptedTransport transport([](const HttpRequest&) {
    HttpResponse r;
    r.transportError = "Connection refused";
    return r;
  });
  auto skipped = run(load(R"({"id": "M", "title": "t", "requirement": "r", "skip": "needs appointments", "expect": {"status": 200}})"), transport);
  EXPECT_EQ(skipped.verdict, Verdict::Skipped);
  EXPECT_EQ(skipped.reason, "needs appointments");
  EXPECT_TRUE(transport.sent.empty());

  auto refused = run(load(R"({"id": "M", "title": "t", "requirement": "r", "expect": {"status": 200}})"), transport);
  EXPECT_EQ(refused.verdict, Verdict::Errored);
  EXPECT_EQ(refused.reason, "no HTTP response: Connection refused");
  EXPECT_EQ(refused.exchanges.size(), 1u);

  auto unknown = run(load(R"({"id": "M", "title": "t", "requirement": "r", "request": {"path": "/Patient/{patients.nobody.id}"}, "expect": {"status": 200}})"), transport);
  // A target value the target lacks: the case cannot be judged here, so it is skipped naming it.
  EXPECT_EQ(unknown.verdict, Verdict::Skipped);
  EXPECT_EQ(unknown.reason, "target does not define patients.nobody.id (the case uses {patients.nobody.id}: see docs/target-file.md)");

  target.endpoints.erase("html");
  auto html = run(load(R"({"id": "M", "title": "t", "requirement": "r", "interaction": "html:read:metadata", "expect": {"status": 200}})"), transport);
  EXPECT_EQ(html.verdict, Verdict::Skipped);
  EXPECT_EQ(html.reason, "the target has no \"html\" endpoint (interaction html:read:metadata)");
}

TEST_F(ExecutorTest, FhirPathWithoutEngineIsErroredNotPassed) {
  testing::ScriptedTransport transport([](const HttpRequest&) { return testing::jsonResponse(200, {{"resourceType", "Patient"}}); });
  auto none = makeUnavailableFhirServices();
  ExecContext ctx{target, transport, *none, GPC_SOURCE_DIR};
  auto result = executeCase(load(R"J({"id": "M", "title": "t", "requirement": "r", "expect": {"status": 200, "fhirpath": ["Patient.exists()"]}})J"), ctx);
  EXPECT_EQ(result.verdict, Verdict::Errored);
  EXPECT_EQ(result.reason, "errored: FHIR engine not available");
}

TEST_F(ExecutorTest, ThreadSafeAcrossThreads) {
  testing::ScriptedTransport transport([](const HttpRequest& r) {
    return testing::jsonResponse(200, {{"resourceType", "Bundle"}, {"id", r.headers[0].value}});
  });
  auto c = load(R"({"id": "M", "title": "t", "requirement": "r", "expect": {"status": 200, "checks": ["bundle-id-is-trace-id"]}})");
  std::vector<std::thread> threads;
  std::atomic<int> passed{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 25; ++j)
        if (run(c, transport).verdict == Verdict::Passed) ++passed;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(passed.load(), 100);
}

}  // namespace
}  // namespace gpc

namespace gpc {
namespace {

TEST_F(ExecutorTest, NoResponseExpected) {
  testing::ScriptedTransport refused([](const HttpRequest&) {
    HttpResponse r;
    r.transportError = "SSL peer rejected the certificate";
    return r;
  });
  auto c = load(R"({"id": "T", "title": "t", "requirement": "r", "expect": {"no_response": true}})");
  auto result = run(c, refused);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  testing::ScriptedTransport answered([](const HttpRequest&) { return testing::jsonResponse(200, json::object()); });
  result = run(c, answered);
  EXPECT_EQ(result.verdict, Verdict::Failed);
  EXPECT_EQ(result.reason, "expected the exchange to fail below HTTP, got HTTP status 200");
}

}  // namespace
}  // namespace gpc
