// {variable} substitution in the places read at run time: body fixtures, capture expressions,
// expect.fhirpath and FHIRPath asserts.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "runner/exec/case_executor.h"
#include "runner/request/generated.h"
#include "runner/suite/suite_loader.h"
#include "runner/suite/template.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

using nlohmann::json;

class SubstitutionTest : public ::testing::Test {
 protected:
  Target target = testing::referenceTarget();
  InteractionTable table = testing::projectInteractions();
  testing::FakeFhirServices fhir;
  std::filesystem::path fixtures = std::filesystem::temp_directory_path() / ("gpc-subst-" + std::to_string(::getpid()));

  void SetUp() override { std::filesystem::create_directories(fixtures / "bodies"); }
  void TearDown() override { std::filesystem::remove_all(fixtures); }

  std::vector<Case> load(const std::string& cases) {
    return parseSuite(R"({"suite": "t.s", "capability": "foundations", "spec": "1.6.2", "interaction": "read:metadata",
                          "variables": {"pid": "abc"}, "cases": [)" + cases + "]}",
                      "suites/t.json", table);
  }
  CaseResult run(const Case& c, Transport& transport) {
    ExecContext ctx{target, transport, fhir, fixtures};
    return executeCase(c, ctx);
  }
};

const char* kSearchThenPost = R"({"id": "F-{kind}", "title": "t", "requirement": "r", "examples": [{"kind": "one"}, {"kind": "two"}],
  "steps": [{"name": "find", "interaction": "search:patient", "capture": {"id": "/entry/0/resource/id"}},
            {"name": "post", "request": {"method": "POST", "body": {"fixture": "bodies/p.json"}}, "expect": {"status": 200}}]})";

HttpResponse bundleOrOk(const HttpRequest& r) {
  if (r.url.find("/Patient") != std::string::npos)
    return testing::jsonResponse(200, json::parse(R"({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient", "id": "p9"}}]})"));
  return testing::jsonResponse(200, json::object());
}

TEST_F(SubstitutionTest, BodyFixtureSeesExampleColumnsCapturesAndSuiteVariables) {
  std::ofstream(fixtures / "bodies/p.json") << R"({"kind": "{kind}", "patient": "{capture.id}", "pid": "{pid}"})";
  testing::ScriptedTransport transport(bundleOrOk);
  auto cases = load(kSearchThenPost);
  ASSERT_EQ(cases.size(), 2u);
  auto result = run(cases[1], transport);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(json::parse(transport.sent[1].body), json::parse(R"({"kind": "two", "patient": "p9", "pid": "abc"})"));
}

TEST_F(SubstitutionTest, CaptureExpressionsTakeVariables) {
  fhir.fhirpath["Bundle.entry.resource.where(id = 'abc').id"] = {"abc"};
  testing::ScriptedTransport transport([](const HttpRequest& r) {
    if (r.url.find("/Patient") != std::string::npos)
      return testing::jsonResponse(200, json::parse(R"({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient", "id": "abc"}}]})"));
    return testing::jsonResponse(200, json::object());
  });
  auto c = load(R"({"id": "C-{n}", "title": "t", "requirement": "r", "examples": {"n": [0]}, "steps": [
      {"name": "find", "interaction": "search:patient",
       "capture": {"fp": {"fhirpath": "Bundle.entry.resource.where(id = '{pid}').id"}, "ptr": "/entry/{n}/resource/id"}},
      {"name": "use", "request": {"path": "/x/{capture.fp}/{capture.ptr}"}, "expect": {"status": 200}}]})").at(0);
  auto result = run(c, transport);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_NE(transport.sent[1].url.find("/x/abc/abc"), std::string::npos) << transport.sent[1].url;
}

TEST_F(SubstitutionTest, UnknownVariableInACaptureIsALoadError) {
  try {
    load(R"({"id": "C", "title": "t", "requirement": "r",
      "steps": [{"name": "a", "capture": {"x": {"fhirpath": "Patient.id = '{nope}'"}}}]})");
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), "suites/t.json: /cases/0/steps/0/capture/x/fhirpath: unknown variable {nope}");
  }
}

TEST_F(SubstitutionTest, ExpectFhirPathAndAssertsTakeVariables) {
  fhir.fhirpath["id = 'abc'"] = {true};
  fhir.fhirpath["name = 'x'"] = {"x"};
  testing::ScriptedTransport transport([](const HttpRequest&) {
    return testing::jsonResponse(200, {{"resourceType", "Patient"}, {"id", "abc"}});
  });
  auto c = load(R"({"id": "E-{col}", "title": "t", "requirement": "r", "examples": {"col": ["x"]},
      "expect": {"fhirpath": ["id = '{pid}'"], "assert": [{"fhirpath": "name = '{col}'", "equals": "{col}"}]}})").at(0);
  auto result = run(c, transport);
  EXPECT_EQ(result.verdict, Verdict::Passed) << result.reason;
}

TEST_F(SubstitutionTest, GeneratedNhsNumberIsOnePerCaseAndFollowsTheSeed) {
  fhir.fhirpath["identifier.value = '" + generatedNhsNumber(7, "G-a") + "'"] = {true};
  testing::ScriptedTransport transport([](const HttpRequest&) {
    return testing::jsonResponse(200, {{"resourceType", "Patient"}, {"id", "abc"}});
  });
  auto cases = load(R"({"id": "G-{k}", "title": "t", "requirement": "r", "examples": {"k": ["a", "b"]},
      "request": {"method": "POST", "body": {"json": {"nhs": "{generated.nhs_number}", "other": "{generated.nhs_number.2}"}}},
      "expect": {"fhirpath": ["identifier.value = '{generated.nhs_number}'"]}})");
  ASSERT_EQ(cases.size(), 2u);
  ExecContext ctx{target, transport, fhir, fixtures};
  ctx.seed = 7;
  const CaseResult first = executeCase(cases[0], ctx);
  EXPECT_EQ(first.verdict, Verdict::Passed) << first.reason;  // the expectation saw the same number
  executeCase(cases[1], ctx);
  ctx.seed = 8;
  executeCase(cases[0], ctx);
  ASSERT_EQ(transport.sent.size(), 3u);
  const json a7 = json::parse(transport.sent[0].body), b7 = json::parse(transport.sent[1].body),
             a8 = json::parse(transport.sent[2].body);
  EXPECT_EQ(a7["nhs"], generatedNhsNumber(7, "G-a"));
  EXPECT_EQ(a7["other"], generatedNhsNumber(7, "G-a", "2"));
  EXPECT_NE(a7["nhs"], a7["other"]);
  EXPECT_EQ(b7["nhs"], generatedNhsNumber(7, "G-b"));
  EXPECT_EQ(a8["nhs"], generatedNhsNumber(8, "G-a"));
  EXPECT_NE(a7["nhs"], a8["nhs"]);
}

// An expectation without braces is used as loaded (no copy per answer); anything that
// substituteJson could change, placeholders and escapes, in values or keys, is a template.
TEST(Substitution, MayNeedSubstitutionSeesEveryBrace) {
  EXPECT_FALSE(mayNeedSubstitution(json::parse(R"({"status": 200, "headers": {"Content-Type": {"contains": "fhir+json"}}, "list": [1, "a", null]})")));
  EXPECT_TRUE(mayNeedSubstitution(json::parse(R"({"fhirpath": [{"path": "id = '{patients.patient2.id}'"}]})")));
  EXPECT_TRUE(mayNeedSubstitution(json::parse(R"({"body": {"{{literal}}": 1}})")));
  EXPECT_TRUE(mayNeedSubstitution(json::parse(R"([["x", "a}}b"]])")));
  const json literal = json::parse(R"({"status": 200, "assert": [{"pointer": "/id", "equals": "x"}]})");
  EXPECT_EQ(substituteJson(literal, [](const std::string&) { return std::optional<json>(); }, Unknown::Throw), literal);
}

}  // namespace
}  // namespace gpc
