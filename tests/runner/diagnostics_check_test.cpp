// operation_outcome.diagnostics: judged only when a suite asks, "present" or {"contains"}.

#include <gtest/gtest.h>

#include "runner/checks/expectations.h"
#include "runner/suite/suite_loader.h"
#include "tests/runner/fakes.h"

namespace gpc::checks {
namespace {

using nlohmann::json;

json outcome(const json& diagnostics) {
  json issue = {{"severity", "error"},
                {"code", "invalid"},
                {"details",
                 {{"coding",
                   {{{"system", "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1"},
                     {"code", "INVALID_PARAMETER"},
                     {"display", "Invalid parameter"}}}}}}};
  if (!diagnostics.is_null()) issue["diagnostics"] = diagnostics;
  return {{"resourceType", "OperationOutcome"},
          {"meta", {{"profile", {"https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1"}}}},
          {"issue", {issue}}};
}

std::vector<CheckResult> judge(const json& body, const json& spec) {
  HttpRequest request;
  const HttpResponse response = testing::jsonResponse(422, body);
  testing::FakeFhirServices fhir;
  const auto view = makeResponseView(request, response, FhirVersion::STU3, fhir);
  return runExpectations({{"operation_outcome", spec}}, view, fhir, {});
}

const CheckResult* diagnosticsCheck(const std::vector<CheckResult>& results) {
  for (const auto& r : results)
    if (r.subject == "issue[0].diagnostics") return &r;
  return nullptr;
}

TEST(DiagnosticsCheck, NotJudgedUnlessAsked) {
  EXPECT_EQ(diagnosticsCheck(judge(outcome(nullptr), {{"code", "INVALID_PARAMETER"}})), nullptr);
  EXPECT_EQ(diagnosticsCheck(judge(outcome(nullptr), {{"diagnostics", "any"}})), nullptr);
}

TEST(DiagnosticsCheck, PresentNeedsNonBlankText) {
  const json spec = {{"code", "INVALID_PARAMETER"}, {"diagnostics", "present"}};
  const auto okResults = judge(outcome("_count is not supported"), spec);
  const auto* ok = diagnosticsCheck(okResults);
  ASSERT_NE(ok, nullptr);
  EXPECT_TRUE(ok->passed) << ok->message;

  const auto absent = judge(outcome(nullptr), spec);
  ASSERT_NE(diagnosticsCheck(absent), nullptr);
  EXPECT_FALSE(diagnosticsCheck(absent)->passed);
  EXPECT_EQ(diagnosticsCheck(absent)->message, "issue[0].diagnostics must give the detail of the error but is (absent)");

  const auto blank = judge(outcome(" \t"), spec);
  EXPECT_FALSE(diagnosticsCheck(blank)->passed);
  EXPECT_EQ(diagnosticsCheck(blank)->message, "issue[0].diagnostics must give the detail of the error but is blank");

  EXPECT_FALSE(diagnosticsCheck(judge(outcome(42), spec))->passed);
}

TEST(DiagnosticsCheck, ContainsNamesTheText) {
  const json spec = {{"diagnostics", {{"contains", "_count"}}}};
  EXPECT_TRUE(diagnosticsCheck(judge(outcome("_count is not supported"), spec))->passed);
  const auto otherResults = judge(outcome("something else"), spec);
  const auto* other = diagnosticsCheck(otherResults);
  ASSERT_NE(other, nullptr);
  EXPECT_FALSE(other->passed);
  EXPECT_EQ(other->message, "issue[0].diagnostics: expected text containing \"_count\", got something else");
  EXPECT_EQ(other->expected, "contains \"_count\"");
  EXPECT_FALSE(diagnosticsCheck(judge(outcome(nullptr), spec))->passed);
}

// The issue judged is the one with the expected Spine code, so is its diagnostics.
TEST(DiagnosticsCheck, JudgesTheIssueWithTheExpectedCode) {
  json body = outcome("detail of the second");
  json first = body["issue"][0];
  first["details"]["coding"][0]["code"] = "BAD_REQUEST";
  first.erase("diagnostics");
  body["issue"].insert(body["issue"].begin(), first);
  const auto results = judge(body, {{"code", "INVALID_PARAMETER"}, {"diagnostics", "present"}});
  bool found = false;
  for (const auto& r : results) {
    if (r.subject != "issue[1].diagnostics") continue;
    found = true;
    EXPECT_TRUE(r.passed) << r.message;
  }
  EXPECT_TRUE(found);
}

std::string loadError(const std::string& diagnostics) {
  const InteractionTable table = testing::projectInteractions();
  try {
    parseSuite(R"({"suite": "t.s", "capability": "foundations", "spec": "1.6.2", "interaction": "read:metadata",
                   "cases": [{"id": "D", "title": "t", "requirement": "r",
                              "expect": {"operation_outcome": {"diagnostics": )" + diagnostics + "}}}]}",
               "suites/t.json", table);
  } catch (const LoadError& e) {
    return e.what();
  }
  return "(loaded)";
}

TEST(DiagnosticsCheck, SuiteFormIsCheckedAtLoad) {
  EXPECT_EQ(loadError(R"("present")"), "(loaded)");
  EXPECT_EQ(loadError(R"({"contains": "_count"})"), "(loaded)");
  EXPECT_EQ(loadError(R"("any")"), "(loaded)");
  EXPECT_EQ(loadError(R"("yes")"),
            "suites/t.json: /cases/0/expect/operation_outcome/diagnostics: expected \"present\", \"any\" or "
            "{\"contains\": \"text\"}, got \"yes\"");
  EXPECT_EQ(loadError(R"({"contains": ""})"),
            "suites/t.json: /cases/0/expect/operation_outcome/diagnostics/contains: expected the text the "
            "diagnostics must contain");
  EXPECT_NE(loadError(R"({"equals": "x"})").find("/cases/0/expect/operation_outcome/diagnostics"), std::string::npos);
}

}  // namespace
}  // namespace gpc::checks
