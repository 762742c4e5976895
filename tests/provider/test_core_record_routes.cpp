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

}  // namespace
}  // namespace gpc::provider::testing
