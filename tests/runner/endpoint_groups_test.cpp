// Endpoint groups come from the interactions table alone: the suites' steps and the target
// file are held to them, so a capability added to interactions.json needs no harness edit.

#include <gtest/gtest.h>

#include "runner/suite/suite_loader.h"
#include "runner/target/endpoint_groups.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

Interaction at(std::string name, std::string endpoint) {
  Interaction in;
  in.name = std::move(name);
  in.interactionId = "urn:x:" + in.name;
  in.method = "GET";
  in.path = "/Thing";
  in.scope = "patient/*.read";
  in.endpoint = std::move(endpoint);
  return in;
}

// Two capabilities, one of them not in today's interactions.json.
InteractionTable twoCapabilities() {
  return {{"read:metadata", at("read:metadata", "foundations")},
          {"search:slot", at("search:slot", "appointments")},
          {"read:appointment", at("read:appointment", "appointments")}};
}

const char* kMinimalTarget = R"({"name": "t", "endpoints": {"foundations": "https://p.example/f", "ENDPOINT": "https://p.example/a"},
  "asid": {"consumer": "1", "provider": "2"}, "practice": {"ods": "B1"}, "jwt": {"iss": "https://c", "aud": AUD},
  "patients": {"patient2": {"nhsNumber": "9690937286", "id": "2", "roles": ["full-record"]}}})";

Target targetWith(const std::string& endpoint, const std::string& aud) {
  std::string text = kMinimalTarget;
  text.replace(text.find("ENDPOINT"), 8, endpoint);
  text.replace(text.find("AUD"), 3, aud);
  return parseTarget(text, "targets/t.json", "/base");
}

std::string groupError(const Target& target, const std::vector<std::string>& groups) {
  try {
    checkEndpointGroups(target, groups);
  } catch (const LoadError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(EndpointGroups, AreTheTablesEndpointsOnceEachThenTheTlsListener) {
  EXPECT_EQ(endpointGroups(twoCapabilities()), (std::vector<std::string>{"appointments", "foundations", "tls"}));
  EXPECT_EQ(endpointGroups({}), (std::vector<std::string>{"tls"}));
}

TEST(EndpointGroups, OfTheShippedTableNameEveryInteractionsEndpoint) {
  const InteractionTable table = testing::projectInteractions();
  const auto groups = endpointGroups(table);
  for (const auto& [name, interaction] : table)
    EXPECT_NE(std::find(groups.begin(), groups.end(), interaction.endpoint), groups.end()) << name;
  for (const char* group : {"foundations", "structured", "documents", "html", "tls"})
    EXPECT_NE(std::find(groups.begin(), groups.end(), group), groups.end()) << group;
}

TEST(EndpointGroups, ASuiteStepMayNameAGroupOnlyTheTableKnows) {
  const std::string suite = R"({"suite": "a.s", "capability": "appointments", "spec": "1.2.7", "interaction": "search:slot",
    "cases": [{"id": "APP-001", "title": "t", "requirement": "r", "request": {"endpoint": "ENDPOINT"}, "expect": {"status": 200}}]})";
  const auto withEndpoint = [&](const std::string& endpoint) {
    std::string text = suite;
    return text.replace(text.find("ENDPOINT"), 8, endpoint);
  };
  EXPECT_EQ(parseSuite(withEndpoint("appointments"), "suites/a.json", twoCapabilities()).size(), 1u);
  EXPECT_EQ(parseSuite(withEndpoint("tls"), "suites/a.json", twoCapabilities()).size(), 1u);
  try {
    parseSuite(withEndpoint("structured"), "suites/a.json", twoCapabilities());
    FAIL() << "a group no interaction of the table names";
  } catch (const LoadError& e) {
    EXPECT_STREQ(e.what(),
                 "suites/a.json: /cases/0/request/endpoint: expected appointments, foundations or tls, got \"structured\"");
  }
}

TEST(EndpointGroups, ATargetIsHeldToTheTablesGroups) {
  const auto groups = endpointGroups(twoCapabilities());
  EXPECT_EQ(groupError(targetWith("appointments", R"("https://aud")"), groups), "(no error)");
  EXPECT_EQ(targetWith("appointments", R"("https://aud")").audFor("appointments"), "https://aud")
      << "a string aud is every listed group's";
  EXPECT_EQ(groupError(targetWith("appointment", R"("https://aud")"), groups),
            "targets/t.json: /endpoints/appointment: unknown endpoint group \"appointment\" (did you mean "
            "\"appointments\"?); the suites know appointments, foundations or tls");
  EXPECT_EQ(groupError(targetWith("appointments", R"({"fondations": "https://aud"})"), groups),
            "targets/t.json: /jwt/aud/fondations: unknown endpoint group \"fondations\" (did you mean "
            "\"foundations\"?); the suites know appointments, foundations or tls");
}

TEST(EndpointGroups, TheShippedTargetsUseOnlyKnownGroups) {
  const auto groups = endpointGroups(testing::projectInteractions());
  const auto dir = std::filesystem::path(GPC_SOURCE_DIR) / "fixtures" / "targets";
  for (const char* file : {"reference.json", "example-remote.json"})
    EXPECT_EQ(groupError(loadTarget(dir / file), groups), "(no error)") << file;
}

}  // namespace
}  // namespace gpc
