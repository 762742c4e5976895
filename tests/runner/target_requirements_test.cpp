#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include "runner/exec/case_executor.h"
#include "runner/suite/suite_loader.h"
#include "runner/suite/target_requirements.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

using nlohmann::json;

const char* const kHead = R"("suite": "t.s", "capability": "foundations", "spec": "1.6.2", "interaction": "read:metadata", )";

std::vector<Case> load(const std::string& suiteRest) {
  static const InteractionTable table = testing::projectInteractions();
  return parseSuite(std::string("{") + kHead + suiteRest + "}", "suites/t.json", table);
}

// A case that sends the special patient's NHS number in a header.
const char* const kUsingCase =
    R"({"id": "A", "title": "t", "requirement": "r", "requires": ["patients.special"],
        "request": {"headers": {"X-Patient": "{patients.special.nhsNumber}"}}, "expect": {"status": 200}})";

std::string loadError(const std::string& suiteRest) {
  try {
    load(suiteRest);
  } catch (const LoadError& e) {
    return e.what();
  }
  return "(loaded)";
}

TEST(TargetRequirements, CaseAndSuiteRequirementsAreKept) {
  auto cases = load(std::string(R"("cases": [)") + kUsingCase + "]");
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].requiredVariables, std::vector<std::string>{"patients.special"});

  auto suiteLevel = load(R"x("requires": ["patients.special"], "cases": [{"id": "B", "title": "t", "requirement": "r",
      "expect": {"status": 200, "assert": [{"fhirpath": "true or %patients.special.nhsNumber.exists()"}]}}])x");
  EXPECT_EQ(suiteLevel.at(0).requiredVariables, std::vector<std::string>{"patients.special"});
}

TEST(TargetRequirements, UnusedRequirementIsALoadErrorAtItsPlace) {
  auto error = loadError(R"("cases": [{"id": "A", "title": "t", "requirement": "r", "requires": ["patients.special"],
      "request": {"headers": {"X-Patient": "{patients.specialist.nhsNumber}"}}, "expect": {"status": 200}}])");
  EXPECT_NE(error.find("suites/t.json: /cases/0/requires/0"), std::string::npos) << error;
  EXPECT_NE(error.find("never uses it"), std::string::npos) << error;
}

TEST(TargetRequirements, RequirementMustBeATargetPath) {
  for (const char* bad : {R"("special")", R"("patients")", R"("suite.thing")", R"(3)"}) {
    auto error = loadError(std::string(R"("cases": [{"id": "A", "title": "t", "requirement": "r", "requires": [)") + bad +
                           R"(], "expect": {"status": 200}}])");
    EXPECT_NE(error.find("/cases/0/requires/0"), std::string::npos) << bad << ": " << error;
  }
  EXPECT_NE(loadError(R"("cases": [{"id": "A", "title": "t", "requirement": "r", "requires": "patients.x", "expect": {"status": 200}}])")
                .find("/cases/0/requires"),
            std::string::npos);
}

TEST(TargetRequirements, TargetDefinesFollowsTheDottedPath) {
  const json tree = {{"patients", {{"special", {{"nhsNumber", "9690937391"}}}}}};
  EXPECT_TRUE(targetDefines(tree, "patients.special"));
  EXPECT_TRUE(targetDefines(tree, "patients.special.nhsNumber"));
  EXPECT_FALSE(targetDefines(tree, "patients.other"));
  EXPECT_FALSE(targetDefines(tree, "patients.special.id"));
  EXPECT_FALSE(targetDefines(tree, "patients..special"));
  EXPECT_FALSE(targetDefines(json::object(), "patients.special"));
}

class RequirementRunTest : public ::testing::Test {
 protected:
  Target target = testing::referenceTarget();
  testing::FakeFhirServices fhir;
  testing::ScriptedTransport transport{[](const HttpRequest&) { return testing::jsonResponse(200, json::object()); }};

  CaseResult run(const Case& c) {
    ExecContext ctx{target, transport, fhir, GPC_SOURCE_DIR};
    return executeCase(c, ctx);
  }
};

TEST_F(RequirementRunTest, SkippedWithTheReasonWhenTheTargetLacksIt) {
  auto result = run(load(std::string(R"("cases": [)") + kUsingCase + "]").at(0));
  EXPECT_EQ(result.verdict, Verdict::Skipped);
  EXPECT_NE(result.reason.find("target does not define patients.special"), std::string::npos) << result.reason;
  EXPECT_TRUE(transport.sent.empty());  // nothing was sent to the provider
}

TEST_F(RequirementRunTest, RunsWhenTheTargetDefinesIt) {
  target.tree["patients"]["special"] = {{"nhsNumber", "9690937391"}};
  auto result = run(load(std::string(R"("cases": [)") + kUsingCase + "]").at(0));
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  ASSERT_EQ(transport.sent.size(), 1u);
  bool sentNumber = false;
  for (const auto& h : transport.sent[0].headers) sentNumber |= h.name == "X-Patient" && h.value == "9690937391";
  EXPECT_TRUE(sentNumber);
}

// An undeclared target variable the target lacks ({patients.patient9...} against a data pack
// without patient9) skips the case naming it, as a declared requirement would, instead of
// erroring on an unknown variable after part of the case was sent.
TEST_F(RequirementRunTest, AnUndeclaredTargetVariableTheTargetLacksSkipsTheCase) {
  const Case c = load(R"("cases": [{"id": "A", "title": "t", "requirement": "r",
      "request": {"headers": {"X-Patient": "{patients.patientNowhere.nhsNumber}"}}, "expect": {"status": 200}}])")
                     .at(0);
  EXPECT_EQ(targetVariablesUsed(c), std::vector<std::string>{"patients.patientNowhere.nhsNumber"});
  const auto result = run(c);
  EXPECT_EQ(result.verdict, Verdict::Skipped) << result.reason;
  EXPECT_NE(result.reason.find("target does not define patients.patientNowhere.nhsNumber"), std::string::npos)
      << result.reason;
  EXPECT_TRUE(transport.sent.empty());
}

TEST_F(RequirementRunTest, TargetVariablesInExpectationsCountAndSuiteVariablesShadowThem) {
  const Case inExpect = load(R"("cases": [{"id": "A", "title": "t", "requirement": "r",
      "expect": {"status": 200, "headers": {"X-Id": {"equals": "{organisations.nowhere.ods}"}}}}])")
                            .at(0);
  EXPECT_EQ(run(inExpect).verdict, Verdict::Skipped);
  // A suite variable answers the name before the target does, so nothing is missing.
  const Case shadowed = load(R"("variables": {"patients.x": "1"}, "cases": [{"id": "A", "title": "t", "requirement": "r",
      "request": {"headers": {"X-P": "{patients.x}"}}, "expect": {"status": 200}}])")
                            .at(0);
  EXPECT_TRUE(targetVariablesUsed(shadowed).empty());
  // Built-ins are not target paths.
  const Case builtins = load(R"("cases": [{"id": "A", "title": "t", "requirement": "r",
      "request": {"headers": {"X-T": "{trace_id} {today+1d} {uuid}"}}, "expect": {"status": 200}}])")
                            .at(0);
  EXPECT_TRUE(targetVariablesUsed(builtins).empty());
}

TEST(TargetRequirements, TargetDefinesReadsArrayElementsAsTheLookupDoes) {
  const json tree = {{"patients", {{"p", {{"roles", {"a", "b"}}}}}}};
  EXPECT_TRUE(targetDefines(tree, "patients.p.roles.1"));
  EXPECT_FALSE(targetDefines(tree, "patients.p.roles.2"));
}

}  // namespace
}  // namespace gpc
