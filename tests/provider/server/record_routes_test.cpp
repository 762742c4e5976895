// Provider-core's routing to the record operations: the request reaches them through the same
// header/JWT pipeline and their answers come back with core's headers and error table.
#include <gtest/gtest.h>

#include "provider/reference_provider.h"
#include "tests/provider/provider_test_support.h"

namespace gpc::provider::testing {
namespace {

using nlohmann::json;

class CoreRecordRoutes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    provider_ = new ReferenceProvider(ProviderOptions{});
    provider_->start();
  }
  static void TearDownTestSuite() { delete provider_; }
  httplib::Result call(const Call& c) {
    httplib::Client client("127.0.0.1", provider_->port());
    return send(client, c);
  }
  static ReferenceProvider* provider_;
};
ReferenceProvider* CoreRecordRoutes::provider_ = nullptr;

Call structured(const std::string& nhs) {
  Call c{"POST", kRoot + "/structured/Patient/$gpc.getstructuredrecord", kNs + "fhir:operation:gpc.getstructuredrecord-1",
         "patient/*.read"};
  c.body = json{{"resourceType", "Parameters"},
                {"parameter", {{{"name", "patientNHSNumber"},
                                {"valueIdentifier", {{"system", "https://fhir.nhs.uk/Id/nhs-number"}, {"value", nhs}}}},
                               {{"name", "includeAllergies"},
                                {"part", {{{"name", "includeResolvedAllergies"}, {"valueBoolean", true}}}}}}}}
               .dump();
  return c;
}

TEST_F(CoreRecordRoutes, StructuredRecordBundleIdIsTheTraceId) {
  auto res = call(structured("9690937286"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/fhir+json;charset=utf-8");
  auto bundle = json::parse(res->body);
  EXPECT_EQ(bundle["resourceType"], "Bundle");
  EXPECT_EQ(bundle["type"], "collection");
  EXPECT_EQ(bundle["id"], "5b2a4f3e-9c1d-4e8f-a7b6-0123456789ab");
}

TEST_F(CoreRecordRoutes, RecordErrorsUseCoresTableAndTheHeaderRulesStillApply) {
  auto res = call(structured("9999999999"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404) << res->body;
  EXPECT_EQ(spineCode(res->body), "PATIENT_NOT_FOUND");
  Call wrongScope = structured("9690937286");
  wrongScope.scope = "organization/*.read";
  auto scoped = call(wrongScope);
  ASSERT_TRUE(scoped);
  EXPECT_EQ(scoped->status, 400);
  EXPECT_EQ(spineCode(scoped->body), "BAD_REQUEST");
  // The structured operation is not served on the Foundations endpoint.
  Call foundations = structured("9690937286");
  foundations.path = kRoot + "/Patient/$gpc.getstructuredrecord";
  auto wrongRoot = call(foundations);
  ASSERT_TRUE(wrongRoot);
  EXPECT_EQ(wrongRoot->status, 404);
}

TEST_F(CoreRecordRoutes, DocumentsPatientSearchParameterErrorsAreInvalidParameter) {
  Call c{"GET", kRoot + "/documents/Patient", kNs + "documents:fhir:rest:search:patient-1", "patient/*.read"};
  auto res = call(c);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(spineCode(res->body), "INVALID_PARAMETER");
  c.path += "?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9690937286";
  auto ok = call(c);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(json::parse(ok->body)["entry"][0]["fullUrl"], provider_->rootUrl() + kRoot + "/documents/Patient/2");
}

// A DSTU2 (0.7.x) token for getcarerecord of `recordNhs`.
json dstu2Claims(const std::string& recordNhs) {
  json c = claims("patient/*.read");
  c["aud"] = "https://authorize.fhir.nhs.net/token";
  c["requesting_organization"]["identifier"][0]["system"] = "http://fhir.nhs.net/Id/ods-organization-code";
  c["requesting_practitioner"]["identifier"] = {{{"system", "http://fhir.nhs.net/sds-user-id"}, {"value", "G13579135"}}};
  c["requesting_practitioner"]["name"] = {{"family", {"Gilbert"}}};
  c["requested_record"] = {{"resourceType", "Patient"},
                           {"identifier", {{{"system", "http://fhir.nhs.net/Id/nhs-number"}, {"value", recordNhs}}}}};
  return c;
}

Call careRecord(const std::string& bodyNhs, const std::string& recordNhs) {
  Call c{"POST", "/B82617/DSTU2/1/gpconnect/Patient/$gpc.getcarerecord", kNs + "fhir:operation:gpc.getcarerecord",
         "patient/*.read"};
  c.jwt = dstu2Claims(recordNhs);
  c.headers["Accept"] = "application/json+fhir";
  c.body = json{{"resourceType", "Parameters"},
                {"parameter", {{{"name", "patientNHSNumber"},
                                {"valueIdentifier", {{"system", "http://fhir.nhs.net/Id/nhs-number"}, {"value", bodyNhs}}}},
                               {{"name", "recordSection"},
                                {"valueCodeableConcept", {{"coding", {{{"system", "http://fhir.nhs.net/ValueSet/gpconnect-record-section-1"},
                                                                        {"code", "ALL"}}}}}}}}}}
               .dump();
  return c;
}

TEST_F(CoreRecordRoutes, HtmlUsesTheDstu2TokenAndMediaType) {
  auto ok = call(careRecord("9690937286", "9690937286"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(ok->get_header_value("Content-Type"), "application/json+fhir;charset=utf-8");
  auto mismatch = call(careRecord("9690937286", "9690937278"));
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(mismatch->status, 400);
  auto oo = json::parse(mismatch->body);
  EXPECT_EQ(oo["meta"]["profile"][0], "http://fhir.nhs.net/StructureDefinition/gpconnect-operationoutcome-1");
  EXPECT_EQ(oo["issue"][0]["details"]["coding"][0]["system"], "http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1");
  EXPECT_EQ(oo["issue"][0]["details"]["coding"][0]["code"], "BAD_REQUEST");
  Call stu3Token = careRecord("9690937286", "9690937286");
  stu3Token.jwt = claims("patient/*.read");
  auto rejected = call(stu3Token);
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 400);
}

}  // namespace
}  // namespace gpc::provider::testing
