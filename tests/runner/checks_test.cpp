// Every expectation kind passes on a right response and fails on a wrong one.
#include <gtest/gtest.h>

#include "runner/checks/expectations.h"
#include "runner/checks/named_checks.h"
#include "tests/runner/fakes.h"

namespace gpc::checks {
namespace {

using nlohmann::json;

struct Fixture {
  HttpRequest request;
  HttpResponse response;
  testing::FakeFhirServices fhir;
  FhirVersion version = FhirVersion::STU3;
  std::vector<CheckResult> run(const json& expect) {
    auto view = makeResponseView(request, response, version, fhir);
    return runExpectations(expect, view, fhir, {});
  }
  bool passes(const json& expect) {
    auto results = run(expect);
    EXPECT_FALSE(results.empty());
    for (const auto& r : results)
      if (!r.passed) return false;
    return true;
  }
  std::string firstFailure(const json& expect) {
    for (const auto& r : run(expect))
      if (!r.passed) return r.message;
    return "(passed)";
  }
};

json patient() {
  return json::parse(R"({"resourceType": "Patient", "id": "2", "meta": {"versionId": "5",
    "profile": ["https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1"]},
    "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9690937286"}]})");
}

json operationOutcome(const std::string& code = "BAD_REQUEST", const std::string& system =
                          "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1") {
  return {{"resourceType", "OperationOutcome"},
          {"meta", {{"profile", {"https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1"}}}},
          {"issue", {{{"severity", "error"}, {"code", "invalid"},
                      {"details", {{"coding", {{{"system", system}, {"code", code}, {"display", "Bad request"}}}}}},
                      {"diagnostics", "Ssp-TraceID missing"}}}}};
}

TEST(Checks, Status) {
  Fixture f;
  f.response = testing::jsonResponse(404, operationOutcome());
  EXPECT_TRUE(f.passes({{"status", 404}}));
  EXPECT_TRUE(f.passes({{"status", {400, 404}}}));
  EXPECT_TRUE(f.passes(json::parse(R"({"status": {"not": 200}})")));
  EXPECT_TRUE(f.passes(json::parse(R"({"status": {"range": [400, 499]}})")));
  EXPECT_EQ(f.firstFailure({{"status", 200}}), "expected HTTP status 200, got 404 (diagnostics: \"Ssp-TraceID missing\")");
  EXPECT_FALSE(f.passes({{"status", {400, 422}}}));
  EXPECT_FALSE(f.passes(json::parse(R"({"status": {"range": [200, 299]}})")));
  EXPECT_FALSE(f.passes(json::parse(R"({"status": {"not": 404}})")));
}

TEST(Checks, HeadersCaseInsensitiveAndRepeated) {
  Fixture f;
  f.response = testing::jsonResponse(200, patient(), {{"etag", "W/\"5\""}, {"X-Rep", "a"}, {"x-rep", "b"}});
  EXPECT_TRUE(f.passes(json::parse(R"({"headers": {"cache-control": {"contains": "no-store"}, "ETag": [{"matches": "^W/\"[0-9]+\"$"}, {"equals": "W/\"5\""}],
      "X-Rep": [{"count": 2}, {"equals": "a, b"}], "Location": {"absent": true}, "CONTENT-TYPE": {"equals_ci": "APPLICATION/FHIR+JSON; CHARSET=UTF-8"}}})")));
  EXPECT_EQ(f.firstFailure(json::parse(R"({"headers": {"Cache-Control": {"contains": "no-cache"}}})")),
            "header Cache-Control: expected to contain \"no-cache\", got \"no-store\"");
  EXPECT_EQ(f.firstFailure(json::parse(R"({"headers": {"Location": {"present": true}}})")), "header Location is missing");
  EXPECT_EQ(f.firstFailure(json::parse(R"({"headers": {"etag": {"absent": true}}})")), "header etag should be absent but is \"W/\"5\"\"");
  EXPECT_EQ(f.firstFailure(json::parse(R"({"headers": {"X-Rep": {"count": 1}}})")), "header X-Rep appears 2 time(s), expected 1 time(s)");
  EXPECT_FALSE(f.passes(json::parse(R"({"headers": {"ETag": {"matches": "^\"[0-9]+\"$"}}})")));
  EXPECT_FALSE(f.passes(json::parse(R"({"headers": {"ETag": {"equals": "w/\"5\""}}})")));
  EXPECT_TRUE(f.passes(json::parse(R"({"headers": {"Content-Type": {"matches": "(?i)CHARSET=UTF-8"}}})")));
  EXPECT_FALSE(f.passes(json::parse(R"({"headers": {"Content-Type": {"matches": "CHARSET=UTF-8"}}})")));
}

TEST(Checks, ContentType) {
  Fixture f;
  f.response = testing::jsonResponse(200, patient());
  EXPECT_TRUE(f.passes({{"content_type", "json"}}));
  EXPECT_TRUE(f.passes({{"content_type", "application/fhir+json;charset=UTF-8"}}));
  EXPECT_EQ(f.firstFailure({{"content_type", "xml"}}),
            "Content-Type media type is \"application/fhir+json\", expected \"application/fhir+xml\"");
  f.response.headers[0].value = "application/fhir+json";
  EXPECT_EQ(f.firstFailure({{"content_type", "json"}}), "Content-Type has no charset parameter (expected charset=utf-8)");
  f.version = FhirVersion::DSTU2;
  f.response.headers[0].value = "application/json+fhir; charset=utf-8";
  EXPECT_TRUE(f.passes({{"content_type", "json"}}));
}

TEST(Checks, Body) {
  Fixture f;
  f.response = testing::jsonResponse(200, patient());
  EXPECT_TRUE(f.passes({{"body", "non-empty"}}));
  EXPECT_TRUE(f.passes({{"body", "json"}}));
  EXPECT_TRUE(f.passes({{"body", "fhir"}}));
  EXPECT_FALSE(f.passes({{"body", "empty"}}));
  EXPECT_FALSE(f.passes({{"body", "xml"}}));
  f.response.body = "<Patient xmlns=\"http://hl7.org/fhir\"/>";
  f.response.headers[0].value = "application/fhir+xml";
  EXPECT_TRUE(f.passes({{"body", "xml"}}));
  EXPECT_TRUE(f.passes({{"resource", {{"type", "Patient"}}}}));  // XML read through the FHIR engine
  f.response.body = "{not json";
  f.response.headers[0].value = "application/fhir+json";
  EXPECT_FALSE(f.passes({{"body", "json"}}));
  EXPECT_NE(f.firstFailure({{"body", "fhir"}}).find("body is not a FHIR resource: body is not valid JSON"), std::string::npos);
  f.response.body.clear();
  EXPECT_TRUE(f.passes({{"body", "empty"}}));
}

TEST(Checks, Resource) {
  Fixture f;
  f.response = testing::jsonResponse(200, patient());
  EXPECT_TRUE(f.passes({{"resource", {{"type", "Patient"}, {"profile", "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1"}}}}));
  EXPECT_EQ(f.firstFailure({{"resource", {{"type", "Bundle"}}}}), "expected a Bundle, got Patient");
  EXPECT_FALSE(f.passes({{"resource", {{"profile", "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-2"}}}}));
}

TEST(Checks, OperationOutcomeStu3) {
  Fixture f;
  f.response = testing::jsonResponse(400, operationOutcome());
  EXPECT_TRUE(f.passes({{"operation_outcome", {{"code", "BAD_REQUEST"}, {"issue_code", "invalid"}}}}));
  EXPECT_EQ(f.firstFailure({{"operation_outcome", {{"code", "INVALID_PARAMETER"}}}}),
            "issue[0].details.coding[0].code: expected \"INVALID_PARAMETER\", got BAD_REQUEST");
  EXPECT_FALSE(f.passes({{"operation_outcome", {{"issue_code", "not-found"}}}}));
  EXPECT_FALSE(f.passes({{"operation_outcome", {{"severity", "warning"}}}}));
  // Always checked: the Spine coding system, the profile, display present.
  f.response = testing::jsonResponse(400, operationOutcome("BAD_REQUEST", "http://wrong"));
  EXPECT_EQ(f.firstFailure({{"operation_outcome", {{"code", "BAD_REQUEST"}}}}),
            "issue[0].details.coding[0].system: expected \"https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1\", got http://wrong");
  auto noProfile = operationOutcome();
  noProfile.erase("meta");
  f.response = testing::jsonResponse(400, noProfile);
  EXPECT_FALSE(f.passes({{"operation_outcome", json::object()}}));
  auto noDisplay = operationOutcome();
  noDisplay["issue"][0]["details"]["coding"][0].erase("display");
  f.response = testing::jsonResponse(400, noDisplay);
  EXPECT_FALSE(f.passes({{"operation_outcome", json::object()}}));
  f.response = testing::jsonResponse(400, patient());
  EXPECT_EQ(f.firstFailure({{"operation_outcome", json::object()}}), "expected an OperationOutcome, got Patient");
}

TEST(Checks, OperationOutcomeDstu2) {
  Fixture f;
  f.version = FhirVersion::DSTU2;
  auto oo = operationOutcome("BAD_REQUEST", "http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1");
  oo["meta"]["profile"] = {"http://fhir.nhs.net/StructureDefinition/gpconnect-operationoutcome-1"};
  f.response = testing::jsonResponse(400, oo);
  EXPECT_TRUE(f.passes({{"operation_outcome", {{"code", "BAD_REQUEST"}}}}));
  f.version = FhirVersion::STU3;
  EXPECT_FALSE(f.passes({{"operation_outcome", {{"code", "BAD_REQUEST"}}}}));
}

TEST(Checks, PointerAssertions) {
  Fixture f;
  f.response = testing::jsonResponse(200, patient());
  EXPECT_TRUE(f.passes(json::parse(R"({"assert": [{"pointer": "/id", "equals": "2"}, {"pointer": "/identifier", "count": 1},
      {"pointer": "/identifier/0/value", "matches": "^[0-9]{10}$"}, {"pointer": "/gender", "exists": false},
      {"pointer": "/meta/profile", "contains": "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1"},
      {"pointer": "/id"}]})")));
  EXPECT_EQ(f.firstFailure(json::parse(R"({"assert": [{"pointer": "/id", "equals": "3", "message": "logical id"}]})")),
            "logical id: /id: expected \"3\", got \"2\"");
  EXPECT_FALSE(f.passes(json::parse(R"({"assert": [{"pointer": "/identifier", "count": 2}]})")));
  EXPECT_FALSE(f.passes(json::parse(R"({"assert": [{"pointer": "/gender", "exists": true}]})")));
  EXPECT_FALSE(f.passes(json::parse(R"({"assert": [{"pointer": "/id", "matches": "^x"}]})")));
  EXPECT_FALSE(f.passes(json::parse(R"({"assert": [{"pointer": "/meta/profile", "contains": "nope"}]})")));
}

TEST(Checks, FhirPathAssertionsAndTruths) {
  Fixture f;
  f.response = testing::jsonResponse(200, patient());
  f.fhir.fhirpath["Patient.id"] = {"2"};
  f.fhir.fhirpath["Patient.active"] = {false};
  f.fhir.fhirpath["Patient.id = '2'"] = {true};
  f.fhir.fhirpath["Patient.id = '3'"] = {false};
  EXPECT_TRUE(f.passes(json::parse(R"({"assert": [{"fhirpath": "Patient.id", "equals": "2"}], "fhirpath": ["Patient.id = '2'"]})")));
  EXPECT_FALSE(f.passes(json::parse(R"({"assert": [{"fhirpath": "Patient.active"}]})")));
  EXPECT_EQ(f.firstFailure(json::parse(R"({"fhirpath": ["Patient.id = '3'"]})")), "Patient.id = '3' is [false], expected true");
  // An expression the engine rejects is an error, never a pass.
  auto results = f.run(json::parse(R"({"fhirpath": ["Patient.("]})"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].errored);
  EXPECT_FALSE(results[0].passed);
}

TEST(Checks, WithoutFhirEngineFhirPathAndValidateError) {
  HttpRequest request;
  auto response = testing::jsonResponse(200, patient());
  auto none = makeUnavailableFhirServices();
  auto view = makeResponseView(request, response, FhirVersion::STU3, *none);
  auto results = runExpectations(json::parse(R"({"fhirpath": ["true"], "validate": true, "assert": [{"fhirpath": "id"}]})"), view, *none, {});
  ASSERT_EQ(results.size(), 3u);
  for (const auto& r : results) {
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(r.errored);
    EXPECT_EQ(r.message, "errored: FHIR engine not available");
  }
}

TEST(Checks, Validate) {
  Fixture f;
  f.response = testing::jsonResponse(200, patient());
  f.fhir.issues = {{"warning", "informational", "Patient", "just a note", ""}};
  EXPECT_TRUE(f.passes({{"validate", true}}));
  f.fhir.issues.push_back({"error", "required", "Patient.name", "minimum required = 1, but only found 0",
                           "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1"});
  EXPECT_EQ(f.firstFailure({{"validate", {{"profile", "x"}}}}),
            "Patient.name: minimum required = 1, but only found 0 [https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1]");
}

TEST(Checks, NamedChecks) {
  Fixture f;
  f.request.headers = {{"Ssp-TraceID", "t-1"}};
  auto bundle = json::parse(R"({"resourceType": "Bundle", "id": "t-1", "entry": [
      {"fullUrl": "http://x/Patient/2", "resource": {"resourceType": "Patient", "id": "2", "managingOrganization": {"reference": "Organization/1"}}},
      {"resource": {"resourceType": "Organization", "id": "1"}}]})");
  f.response = testing::jsonResponse(200, bundle);
  EXPECT_TRUE(f.passes({{"checks", {"bundle-id-is-trace-id", "no-duplicate-resources", "references-resolve"}}}));
  f.request.headers[0].value = "t-2";
  EXPECT_EQ(f.firstFailure({{"checks", json::array({"bundle-id-is-trace-id"})}}), "Bundle.id must equal the request's Ssp-TraceID \"t-2\", got \"t-1\"");
  bundle["entry"].push_back(bundle["entry"][1]);
  bundle["entry"][0]["resource"]["generalPractitioner"] = {{{"reference", "Practitioner/9"}}};
  f.response = testing::jsonResponse(200, bundle);
  EXPECT_EQ(f.firstFailure({{"checks", json::array({"no-duplicate-resources"})}}), "resources appear more than once: Organization/1");
  EXPECT_EQ(f.firstFailure({{"checks", json::array({"references-resolve"})}}), "references not found in the Bundle: Practitioner/9");

  f.response = testing::jsonResponse(200, patient(), {{"ETag", "W/\"5\""}});
  EXPECT_TRUE(f.passes({{"checks", json::array({"etag-is-meta-version"})}}));
  f.response = testing::jsonResponse(200, patient(), {{"ETag", "\"5\""}});
  EXPECT_EQ(f.firstFailure({{"checks", json::array({"etag-is-meta-version"})}}), "ETag must be W/\"5\" (from meta.versionId), got \"5\"");
}

TEST(Checks, MaxMs) {
  Fixture f;
  f.response = testing::jsonResponse(200, patient());
  f.response.elapsedMs = 2500;
  EXPECT_TRUE(f.passes({{"max_ms", 3000}}));
  EXPECT_EQ(f.firstFailure({{"max_ms", 250}}), "response took 2500.0 ms (limit 250 ms)");
  EXPECT_FALSE(f.passes(json::parse(R"({"checks": [{"name": "max-ms", "args": {"ms": 100}}]})")));
  EXPECT_TRUE(f.passes(json::parse(R"({"checks": [{"name": "max-ms", "args": {"ms": 3000}}]})")));
}

}  // namespace
}  // namespace gpc::checks
