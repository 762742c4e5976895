#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "runner/request/request_builder.h"
#include "runner/suite/suite_loader.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

class RequestBuilderTest : public ::testing::Test {
 protected:
  Target target = testing::referenceTarget();
  InteractionTable table = testing::projectInteractions();
  testing::FakeFhirServices fhir;
  std::map<std::string, nlohmann::json> suiteVars{{"unknownId", "nope-1"}};
  std::map<std::string, nlohmann::json> captures{{"pid", "42"}};

  Step step(const std::string& interaction, nlohmann::json request) {
    Step s;
    s.name = "main";
    s.interaction = table.at(interaction);
    s.request = std::move(request);
    return s;
  }
  BuiltRequest build(const Step& s, const std::filesystem::path& fixtures = GPC_SOURCE_DIR) {
    VariableScope scope{&suiteVars, &captures, &target.tree, "trace-123", std::chrono::system_clock::time_point(std::chrono::seconds(1700000000))};
    return buildRequest(s, target, scope, fixtures, fhir);
  }
  static std::vector<std::string> values(const Headers& h, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& x : h)
      if (x.name == name) out.push_back(x.value);
    return out;
  }
};

TEST_F(RequestBuilderTest, DefaultHeadersAndUrl) {
  auto r = build(step("read:patient", {{"path_params", {{"id", "{patients.patient2.id}"}}}}));
  EXPECT_EQ(r.http.method, "GET");
  EXPECT_EQ(r.http.url, "http://127.0.0.1:8080/B82617/STU3/1/gpconnect/Patient/2");
  const auto& h = r.http.headers;
  ASSERT_EQ(h.size(), 6u);
  EXPECT_EQ(h[0].name, "Ssp-TraceID");
  EXPECT_EQ(h[0].value, "trace-123");
  EXPECT_EQ(values(h, "Ssp-From"), std::vector<std::string>{"200000000359"});
  EXPECT_EQ(values(h, "Ssp-To"), std::vector<std::string>{"918999198738"});
  EXPECT_EQ(values(h, "Ssp-InteractionID"), std::vector<std::string>{"urn:nhs:names:services:gpconnect:fhir:rest:read:patient-1"});
  EXPECT_EQ(values(h, "Accept"), std::vector<std::string>{"application/fhir+json"});
  EXPECT_EQ(values(h, "Authorization")[0].rfind("Bearer ey", 0), 0u);
  EXPECT_TRUE(values(h, "Content-Type").empty());  // no body, no Content-Type
  EXPECT_EQ(nlohmann::json::parse(r.jwtPayload)["requested_scope"], "patient/*.read");
}

TEST_F(RequestBuilderTest, QueryIsPercentEncodedAndOrdered) {
  auto r = build(step("search:patient", nlohmann::json::parse(R"({"query": [["identifier", "https://fhir.nhs.uk/Id/nhs-number|{patients.patient2.nhsNumber}"],
      ["_format", "application/fhir+xml"]], "raw_query": "a=|b"})")));
  EXPECT_EQ(r.http.url,
            "http://127.0.0.1:8080/B82617/STU3/1/gpconnect/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9690937286"
            "&_format=application%2Ffhir%2Bxml&a=|b");
}

TEST_F(RequestBuilderTest, HeaderEdits) {
  auto r = build(step("read:metadata", nlohmann::json::parse(R"({"headers": {"ssp-from": "999", "Accept": null},
      "remove_headers": ["SSP-TRACEID"], "add_headers": [["Ssp-To", "1"], ["ssp-to", "2"]], "interaction_id": "urn:wrong"})")));
  const auto& h = r.http.headers;
  EXPECT_EQ(values(h, "ssp-from"), std::vector<std::string>{"999"});  // replaced, new case kept
  EXPECT_TRUE(values(h, "Ssp-From").empty());
  EXPECT_TRUE(values(h, "Accept").empty());
  EXPECT_TRUE(values(h, "Ssp-TraceID").empty());
  EXPECT_EQ(values(h, "Ssp-To"), (std::vector<std::string>{"918999198738", "1"}));
  EXPECT_EQ(values(h, "ssp-to"), std::vector<std::string>{"2"});
  EXPECT_EQ(values(h, "Ssp-InteractionID"), std::vector<std::string>{"urn:wrong"});
}

TEST_F(RequestBuilderTest, BodiesAndContentType) {
  auto inlineBody = build(step("gpc.getstructuredrecord", {{"body", {{"json", {{"resourceType", "Parameters"}, {"id", "{capture.pid}"}}}}}}));
  EXPECT_EQ(inlineBody.http.method, "POST");
  EXPECT_EQ(inlineBody.http.body, R"({"id":"42","resourceType":"Parameters"})");
  EXPECT_EQ(values(inlineBody.http.headers, "Content-Type"), std::vector<std::string>{"application/fhir+json;charset=utf-8"});

  auto dir = std::filesystem::temp_directory_path() / ("gpc-fixtures-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "bodies");
  std::ofstream(dir / "bodies" / "p.json") << R"({"resourceType": "Parameters", "nhs": "{patients.patient2.nhsNumber}", "trace": "{trace_id}"})";
  auto fixture = build(step("gpc.getstructuredrecord", {{"body", {{"fixture", "bodies/p.json"}}}, {"content_type", nullptr}}), dir);
  EXPECT_EQ(nlohmann::json::parse(fixture.http.body)["nhs"], "9690937286");
  EXPECT_EQ(nlohmann::json::parse(fixture.http.body)["trace"], "trace-123");
  EXPECT_TRUE(values(fixture.http.headers, "Content-Type").empty());
  auto xml = build(step("gpc.getstructuredrecord", {{"body", {{"json", {{"resourceType", "Parameters"}}}, {"format", "xml"}}}}));
  EXPECT_EQ(xml.http.body, "<Parameters/>");
  EXPECT_EQ(values(xml.http.headers, "Content-Type"), std::vector<std::string>{"application/fhir+xml;charset=utf-8"});
  EXPECT_THROW(build(step("gpc.getstructuredrecord", {{"body", {{"fixture", "bodies/missing.json"}}}}), dir), RequestError);
  std::filesystem::remove_all(dir);
}

TEST_F(RequestBuilderTest, DstuTwoMediaTypesAndRequestedRecordFromBody) {
  auto r = build(step("html:gpc.getcarerecord", nlohmann::json::parse(R"({"body": {"json": {"resourceType": "Parameters",
      "parameter": [{"name": "patientNHSNumber", "valueIdentifier": {"system": "http://fhir.nhs.net/Id/nhs-number", "value": "9690937286"}}]}}})")));
  EXPECT_EQ(values(r.http.headers, "Accept"), std::vector<std::string>{"application/json+fhir"});
  EXPECT_EQ(nlohmann::json::parse(r.jwtPayload)["requested_record"]["identifier"][0]["value"], "9690937286");
  EXPECT_EQ(r.http.url, "http://127.0.0.1:8080/B82617/DSTU2/1/gpconnect/Patient/$gpc.getcarerecord");
}

TEST_F(RequestBuilderTest, SspPrefixAndOverrides) {
  target.sspPrefix = "https://proxy.example";
  auto r = build(step("read:metadata", {{"method", "PATCH"}, {"path", "/metadatas"}}));
  EXPECT_EQ(r.http.method, "PATCH");
  EXPECT_EQ(r.http.url, "https://proxy.example/http://127.0.0.1:8080/B82617/STU3/1/gpconnect/metadatas");
  auto absolute = build(step("documents:read:binary", {{"url", "https://elsewhere/Binary/7"}}));
  EXPECT_EQ(absolute.http.url, "https://elsewhere/Binary/7");
}

TEST_F(RequestBuilderTest, MissingEndpointAndUnknownVariable) {
  target.endpoints.erase("documents");
  EXPECT_THROW(build(step("documents:read:metadata", nlohmann::json::object())), MissingEndpoint);
  try {
    build(step("read:patient", {{"path_params", {{"id", "{patients.patient99.id}"}}}}));
    FAIL();
  } catch (const RequestError& e) {
    EXPECT_STREQ(e.what(), "unknown variable {patients.patient99.id} in the request of step \"main\"");
  }
}

TEST(Variables, BuiltinsAndDates) {
  const auto now = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} + std::chrono::hours{13} + std::chrono::minutes{5};
  EXPECT_EQ(dateWithOffset(now, ""), "2024-02-29");
  EXPECT_EQ(dateWithOffset(now, "+3d"), "2024-03-03");
  EXPECT_EQ(dateWithOffset(now, "-2y"), "2022-02-28");
  EXPECT_EQ(dateWithOffset(now, "+1m"), "2024-03-29");
  VariableScope scope{nullptr, nullptr, nullptr, "t-1", now};
  EXPECT_EQ(*resolveVariable(scope, "now"), "2024-02-29T13:05:00+00:00");
  EXPECT_EQ(*resolveVariable(scope, "trace_id"), "t-1");
  EXPECT_FALSE(resolveVariable(scope, "nope"));
}

}  // namespace
}  // namespace gpc
