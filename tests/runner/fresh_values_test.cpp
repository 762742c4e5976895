// Generated values the provider must not hold: the suite's "generated" probe is sent per
// candidate, held candidates are passed over, and a probe that cannot be believed leaves the
// case errored, never passed.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <set>

#include "runner/exec/case_executor.h"
#include "runner/exec/fresh_values.h"
#include "runner/request/generated.h"
#include "runner/suite/suite_loader.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

using nlohmann::json;

constexpr const char* kSystem = "https://fhir.nhs.uk/Id/nhs-number|";

const char* kGenerated = R"("generated": {"nhs_number": {"unused_at_provider": {
    "interaction": "search:patient",
    "request": {"query": [["identifier", "https://fhir.nhs.uk/Id/nhs-number|{candidate}"]]},
    "expect": {"status": 200, "resource": {"type": "Bundle"}},
    "held_when": {"assert": [{"pointer": "/entry/0"}]}}}},)";

const char* kRegisterCase = R"({"id": "REG", "title": "t", "requirement": "r",
    "request": {"body": {"json": {"resourceType": "Parameters", "parameter": [{"name": "registerPatient",
      "resource": {"resourceType": "Patient", "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "{generated.nhs_number}"}]}}]}}},
    "expect": {"status": 200}})";

class FreshValuesTest : public ::testing::Test {
 protected:
  Target target = testing::referenceTarget();
  InteractionTable table = testing::projectInteractions();
  testing::FakeFhirServices fhir;
  std::uint64_t seed = 99;

  std::vector<Case> load(const std::string& generated, const std::string& cases) {
    return parseSuite(R"({"suite": "t.s", "capability": "foundations", "spec": "1.6.2", "interaction": "gpc.registerpatient", )" +
                          generated + R"( "cases": [)" + cases + "]}",
                      "suites/t.json", table);
  }
  std::string candidate(unsigned k, const std::string& caseId = "REG") {
    return *generatedValue("generated.nhs_number", seed, caseId, k);
  }
  static std::string registered(const HttpRequest& r) {
    return json::parse(r.body)["parameter"][0]["resource"]["identifier"][0]["value"].get<std::string>();
  }
};

// A provider holding `held`: searches find those, registrations of them are 409.
testing::ScriptedTransport::Script providerHolding(std::set<std::string> held, std::vector<std::string>* searched = nullptr) {
  return [held, searched](const HttpRequest& r) {
    if (r.method == "GET") {
      const auto at = r.url.find("%7C");
      const std::string nhs = at == std::string::npos ? r.url.substr(r.url.find('|') + 1) : r.url.substr(at + 3);
      if (searched) searched->push_back(nhs);
      json bundle = {{"resourceType", "Bundle"}, {"type", "searchset"}};
      if (held.count(nhs)) bundle["entry"] = json::array({{{"resource", {{"resourceType", "Patient"}}}}});
      return testing::jsonResponse(200, bundle);
    }
    const auto nhs = json::parse(r.body)["parameter"][0]["resource"]["identifier"][0]["value"].get<std::string>();
    return testing::jsonResponse(held.count(nhs) ? 409 : 200, {{"resourceType", "Bundle"}});
  };
}

TEST_F(FreshValuesTest, TheLoaderAttachesTheProbeToCasesUsingTheValue) {
  auto cases = load(kGenerated, std::string(kRegisterCase) +
                                    R"(, {"id": "OTHER", "title": "t", "requirement": "r", "request": {"body": {"json": {}}}, "expect": {"status": 400}})");
  ASSERT_EQ(cases.size(), 2u);
  ASSERT_EQ(cases[0].freshValues.size(), 1u);
  EXPECT_EQ(cases[0].freshValues[0].variable, "generated.nhs_number");
  EXPECT_EQ(cases[0].freshValues[0].probe.interaction.name, "search:patient");
  EXPECT_TRUE(cases[1].freshValues.empty());
  // Without the section nothing is probed: the value is the seed's first candidate, as before.
  EXPECT_TRUE(load("", kRegisterCase)[0].freshValues.empty());
}

TEST_F(FreshValuesTest, AHeldCandidateIsPassedOverAndTheNextOneRegistered) {
  std::vector<std::string> searched;
  testing::ScriptedTransport transport(providerHolding({candidate(0)}, &searched));
  ExecContext ctx{target, transport, fhir, GPC_SOURCE_DIR};
  ctx.seed = seed;
  const auto result = executeCase(load(kGenerated, kRegisterCase)[0], ctx);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  ASSERT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(searched, (std::vector<std::string>{candidate(0), candidate(1)}));
  EXPECT_EQ(registered(transport.sent[2]), candidate(1));
  ASSERT_EQ(result.exchanges.size(), 3u);
  EXPECT_EQ(result.exchanges[0].step, "unused nhs_number");
  EXPECT_EQ(result.exchanges[2].step, "main");
  bool reported = false;
  for (const auto& check : result.checks)
    if (check.kind == "generated") {
      reported = true;
      EXPECT_TRUE(check.passed);
      EXPECT_EQ(check.actual, candidate(1));
      EXPECT_NE(check.message.find(candidate(0) + " (held by the provider)"), std::string::npos) << check.message;
    }
  EXPECT_TRUE(reported);
}

TEST_F(FreshValuesTest, AnUnheldFirstCandidateIsTheSeedsValue) {
  testing::ScriptedTransport transport(providerHolding({}));
  ExecContext ctx{target, transport, fhir, GPC_SOURCE_DIR};
  ctx.seed = seed;
  const auto result = executeCase(load(kGenerated, kRegisterCase)[0], ctx);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(registered(transport.sent[1]), candidate(0));
  EXPECT_EQ(registered(transport.sent[1]), generatedNhsNumber(seed, "REG"));
}

TEST_F(FreshValuesTest, AValueAnotherCaseOfTheRunTookIsNotProbedAgain) {
  std::vector<std::string> searched;
  testing::ScriptedTransport transport(providerHolding({}, &searched));
  ExecContext ctx{target, transport, fhir, GPC_SOURCE_DIR};
  ctx.seed = seed;
  ASSERT_TRUE(ctx.claimed->claim(candidate(0)));  // as if a case running alongside had it
  const auto result = executeCase(load(kGenerated, kRegisterCase)[0], ctx);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  EXPECT_EQ(searched, std::vector<std::string>{candidate(1)});
  EXPECT_EQ(registered(transport.sent.back()), candidate(1));
}

TEST_F(FreshValuesTest, AProbeAnsweredWronglyErrorsTheCaseWithoutRegistering) {
  testing::ScriptedTransport transport([](const HttpRequest&) { return testing::jsonResponse(500, json::object()); });
  ExecContext ctx{target, transport, fhir, GPC_SOURCE_DIR};
  const auto result = executeCase(load(kGenerated, kRegisterCase)[0], ctx);
  EXPECT_EQ(result.verdict, Verdict::Errored);
  EXPECT_NE(result.reason.find("cannot be relied on: expected HTTP status 200, got 500"), std::string::npos) << result.reason;
  EXPECT_EQ(transport.sent.size(), 1u);
}

TEST_F(FreshValuesTest, AfterTheSeededCandidatesFreshOnesAreDrawn) {
  // The provider holds every number the seed gives this case: a run repeated with one seed.
  std::set<std::string> seeded;
  for (unsigned k = 0; k < kMaxFreshCandidates; ++k) seeded.insert(candidate(k));
  std::vector<std::string> searched;
  testing::ScriptedTransport transport(providerHolding(seeded, &searched));
  ExecContext ctx{target, transport, fhir, GPC_SOURCE_DIR};
  ctx.seed = seed;
  const auto result = executeCase(load(kGenerated, kRegisterCase)[0], ctx);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  ASSERT_EQ(searched.size(), kSeededCandidates + 1);
  const std::string chosen = registered(transport.sent.back());
  EXPECT_EQ(chosen, searched.back());
  EXPECT_EQ(seeded.count(chosen), 0u);
  EXPECT_TRUE(isValidNhsNumber(chosen)) << chosen;
}

TEST_F(FreshValuesTest, EveryCandidateHeldErrorsTheCase) {
  testing::ScriptedTransport transport([](const HttpRequest& r) {
    json bundle = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array({json::object()})}};
    return r.method == "GET" ? testing::jsonResponse(200, bundle) : testing::jsonResponse(200, json::object());
  });
  ExecContext ctx{target, transport, fhir, GPC_SOURCE_DIR};
  ctx.seed = seed;
  const auto result = executeCase(load(kGenerated, kRegisterCase)[0], ctx);
  EXPECT_EQ(result.verdict, Verdict::Errored);
  EXPECT_NE(result.reason.find("in 20 is unused at the provider"), std::string::npos) << result.reason;
  EXPECT_EQ(transport.sent.size(), kMaxFreshCandidates);
  for (const auto& r : transport.sent) EXPECT_EQ(r.method, "GET");  // nothing registered
}

TEST_F(FreshValuesTest, BadSectionsAreLoadErrorsNamingThePlace) {
  const auto error = [&](const std::string& generated) {
    try {
      load(generated, kRegisterCase);
    } catch (const LoadError& e) {
      return std::string(e.what());
    }
    return std::string("(loaded)");
  };
  EXPECT_NE(error(R"("generated": {"uuid": {}},)").find("/generated/uuid: unknown generated-value kind \"uuid\""), std::string::npos);
  EXPECT_NE(error(R"("generated": {"nhs_number": {"unused_at_provider": {"interaction": "search:patient",
      "request": {"query": [["identifier", "x"]]}, "expect": {"status": 200}, "held_when": {"status": 200}}}},)")
                .find("/generated/nhs_number/unused_at_provider/request: the probe's request must name the value it asks about as {candidate}"),
            std::string::npos);
  EXPECT_NE(error(R"("generated": {"nhs_number": {"unused_at_provider": {"interaction": "search:patient",
      "request": {"query": [["identifier", "{candidate}"]]}, "expect": {"status": 200}}}},)")
                .find("/generated/nhs_number/unused_at_provider: missing required field \"held_when\""),
            std::string::npos);
  EXPECT_NE(error(R"("generated": {"nhs_number": {"unused_at_provider": {"interaction": "search:patiant",
      "request": {"query": [["identifier", "{candidate}"]]}, "expect": {"status": 200}, "held_when": {"status": 200}}}},)")
                .find("unknown interaction \"search:patiant\""),
            std::string::npos);
}

}  // namespace
}  // namespace gpc
