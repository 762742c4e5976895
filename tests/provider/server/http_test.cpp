// Foundations interactions and the cross-cutting rules over real HTTP against one provider.
#include <gtest/gtest.h>

#include "provider/reference_provider.h"
#include "tests/provider/provider_test_support.h"

namespace gpc::provider::testing {
namespace {

using nlohmann::json;

class CoreHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    provider_ = new ReferenceProvider(ProviderOptions{});
    provider_->start();
  }
  static void TearDownTestSuite() {
    delete provider_;
    provider_ = nullptr;
  }
  httplib::Result call(const Call& c) {
    httplib::Client client("127.0.0.1", provider_->port());
    client.set_decompress(false);
    // The first XML exchange loads the FHIR definitions, which takes seconds in a Debug build on a
    // busy machine.
    client.set_read_timeout(120, 0);
    return send(client, c);
  }
  // Asserts an error response: status, Spine code, OperationOutcome shape, Cache-Control.
  void expectError(const Call& c, int status, const std::string& code) {
    auto res = call(c);
    ASSERT_TRUE(res) << c.path;
    EXPECT_EQ(res->status, status) << c.path << "\n" << res->body;
    EXPECT_EQ(spineCode(res->body), code) << res->body;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
    auto oo = json::parse(res->body);
    EXPECT_EQ(oo["meta"]["profile"][0], "https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1");
    EXPECT_EQ(oo["issue"][0]["severity"], "error");
    EXPECT_EQ(oo["issue"][0]["details"]["coding"][0]["system"],
              "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1");
    EXPECT_FALSE(oo["issue"][0]["details"]["coding"][0].value("display", "").empty());
  }
  static ReferenceProvider* provider_;
};
ReferenceProvider* CoreHttp::provider_ = nullptr;

TEST_F(CoreHttp, MetadataIsTheFoundationsCapabilityStatement) {
  auto res = call(metadataCall());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/fhir+json;charset=utf-8");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  auto cs = json::parse(res->body);
  EXPECT_EQ(cs["resourceType"], "CapabilityStatement");
  EXPECT_EQ(cs["version"], "1.6.2");
  EXPECT_EQ(cs["fhirVersion"], "3.0.1");
  EXPECT_EQ(cs["format"], json({"application/fhir+json", "application/fhir+xml"}));
  EXPECT_EQ(cs["rest"][0]["operation"][0]["name"], "gpc.registerpatient");
  // As the 1.6.2 Foundations example: the structured record operation is listed too.
  EXPECT_EQ(cs["rest"][0]["operation"][1]["name"], "gpc.getstructuredrecord");
}

TEST(ReferenceProviderPort, ServingAPortAlreadyInUseFails) {
  ReferenceProvider first(ProviderOptions{});
  first.start();
  ProviderOptions same;
  same.port = first.port();
  ReferenceProvider second(same);
  try {
    second.start();
    FAIL() << "a second provider bound port " << first.port() << " while the first was listening";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(std::to_string(first.port())), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("already in use"), std::string::npos) << e.what();
  }
}

TEST_F(CoreHttp, EachEndpointHasItsOwnMetadata) {
  auto structured = call({"GET", kRoot + "/structured/metadata", kNs + "structured:fhir:rest:read:metadata-1"});
  ASSERT_TRUE(structured);
  EXPECT_EQ(structured->status, 200);
  EXPECT_EQ(json::parse(structured->body)["rest"][0]["operation"][0]["name"], "gpc.getstructuredrecord");
  auto documents = call({"GET", kRoot + "/documents/metadata", kNs + "documents:fhir:rest:read:metadata-1"});
  ASSERT_TRUE(documents);
  EXPECT_EQ(documents->status, 200);
  // The Foundations interaction id is not valid on the structured endpoint.
  expectError({"GET", kRoot + "/structured/metadata", kNs + "fhir:rest:read:metadata-1"}, 400, "BAD_REQUEST");
}

TEST_F(CoreHttp, PatientReadHasProfileVersionEtagAndBranch) {
  auto res = call(patientRead("2"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto p = json::parse(res->body);
  EXPECT_EQ(p["id"], "2");
  EXPECT_EQ(p["meta"]["profile"][0], "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1");
  EXPECT_EQ(res->get_header_value("ETag"), "W/\"" + p["meta"]["versionId"].get<std::string>() + "\"");
  EXPECT_EQ(p["identifier"][0]["system"], "https://fhir.nhs.uk/Id/nhs-number");
  EXPECT_EQ(p["identifier"][0]["value"], "9690937286");
  std::string branch;
  for (const auto& sub : p["extension"][0]["extension"])
    if (sub["url"] == "preferredBranchSurgery") branch = sub["valueReference"]["reference"];
  ASSERT_TRUE(branch.starts_with("Location/"));
  auto loc = call({"GET", kRoot + "/" + branch, kNs + "fhir:rest:read:location-1"});
  ASSERT_TRUE(loc);
  EXPECT_EQ(loc->status, 200);
  EXPECT_EQ(json::parse(loc->body)["managingOrganization"]["reference"], "Organization/1");
  expectError(patientRead("99999"), 404, "PATIENT_NOT_FOUND");
}

TEST_F(CoreHttp, PatientSearchReturnsActivePatientsOnly) {
  auto res = call(patientSearch("9690937286"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto b = json::parse(res->body);
  EXPECT_EQ(b["type"], "searchset");
  ASSERT_EQ(b["entry"].size(), 1u);
  EXPECT_EQ(b["entry"][0]["fullUrl"], provider_->rootUrl() + kRoot + "/Patient/2");
  EXPECT_FALSE(b["entry"][0]["resource"].contains("maritalStatus"));
  for (const char* nhs : {"9690938142" /*inactive*/, "9690938681" /*deceased*/, "9690938533" /*sensitive*/,
                          "9999999999" /*not in system*/}) {
    auto empty = call(patientSearch(nhs));
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->status, 200);
    // An empty searchset has no "entry" key: FHIR JSON forbids empty arrays.
    EXPECT_FALSE(json::parse(empty->body).contains("entry")) << nhs << "\n" << empty->body;
  }
  // A repeated identical identifier must reach the provider as two parameters (httplib's own
  // query parsing drops the repeat).
  expectError({"GET", kRoot + "/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9690937286"
                              "&identifier=https://fhir.nhs.uk/Id/nhs-number%7C9690937286",
               kNs + "fhir:rest:search:patient-1", "patient/*.read"},
              400, "BAD_REQUEST");
  expectError(patientSearch("9690937287"), 400, "INVALID_NHS_NUMBER");
  expectError({"GET", kRoot + "/Patient", kNs + "fhir:rest:search:patient-1", "patient/*.read"}, 400, "BAD_REQUEST");
  expectError({"GET", kRoot + "/Patient?Identifier=https://fhir.nhs.uk/Id/nhs-number%7C9690937286",
               kNs + "fhir:rest:search:patient-1", "patient/*.read"},
              400, "BAD_REQUEST");
  expectError({"GET", kRoot + "/Patient?identifier=9690937286", kNs + "fhir:rest:search:patient-1", "patient/*.read"},
              400, "INVALID_IDENTIFIER_SYSTEM");
}

TEST_F(CoreHttp, PractitionerOrganizationLocation) {
  auto prac = call({"GET", kRoot + "/Practitioner?identifier=https://fhir.nhs.uk/Id/sds-user-id%7CG22345655",
                    kNs + "fhir:rest:search:practitioner-1"});
  ASSERT_TRUE(prac);
  ASSERT_EQ(prac->status, 200);
  EXPECT_EQ(json::parse(prac->body)["entry"].size(), 1u);
  auto none = call({"GET", kRoot + "/Practitioner?identifier=https://fhir.nhs.uk/Id/sds-user-id%7CG99999999",
                    kNs + "fhir:rest:search:practitioner-1"});
  ASSERT_TRUE(none);
  EXPECT_FALSE(json::parse(none->body).contains("entry"));
  auto org = call({"GET", kRoot + "/Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code%7CB82617",
                   kNs + "fhir:rest:search:organization-1"});
  ASSERT_TRUE(org);
  EXPECT_EQ(json::parse(org->body)["entry"][0]["resource"]["identifier"][0]["value"], "B82617");
  expectError({"GET", kRoot + "/Organization/77", kNs + "fhir:rest:read:organization-1"}, 404, "ORGANISATION_NOT_FOUND");
  expectError({"GET", kRoot + "/Practitioner/77", kNs + "fhir:rest:read:practitioner-1"}, 404, "PRACTITIONER_NOT_FOUND");
  expectError({"GET", kRoot + "/Location/77", kNs + "fhir:rest:read:location-1"}, 404, "NO_RECORD_FOUND");
  auto read = call({"GET", kRoot + "/Practitioner/3", kNs + "fhir:rest:read:practitioner-1"});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->get_header_value("ETag"), "W/\"1\"");
}

TEST_F(CoreHttp, SspHeaderRules) {
  for (const char* h : {"Ssp-TraceID", "Ssp-From", "Ssp-To", "Ssp-InteractionID", "Authorization"}) {
    Call c = metadataCall();
    c.headers[h] = "<remove>";
    expectError(c, 400, "BAD_REQUEST");
  }
  Call wrongTo = metadataCall();
  wrongTo.headers["Ssp-To"] = "123456789123";
  expectError(wrongTo, 400, "BAD_REQUEST");
  Call badTrace = metadataCall();
  badTrace.headers["Ssp-TraceID"] = "not-a-uuid";
  expectError(badTrace, 400, "BAD_REQUEST");
  Call otherInteraction = metadataCall();
  otherInteraction.interaction = kNs + "fhir:rest:read:patient-1";
  expectError(otherInteraction, 400, "BAD_REQUEST");
}

TEST_F(CoreHttp, JwtRulesFollowTheOfficialExpectations) {
  for (const char* claim : {"iss", "sub", "aud", "exp", "iat", "reason_for_request", "requested_scope",
                            "requesting_device", "requesting_organization", "requesting_practitioner"}) {
    Call c = metadataCall();
    c.jwt = claims("organization/*.read");
    c.jwt.erase(claim);
    expectError(c, 400, "BAD_REQUEST");
  }
  for (int delta : {299, 301, -1}) {
    Call c = metadataCall();
    c.jwt = claims("organization/*.read");
    c.jwt["exp"] = c.jwt["iat"].get<long long>() + delta;
    expectError(c, 400, "BAD_REQUEST");
  }
  Call expired = metadataCall();
  expired.jwt = claims("organization/*.read");
  expired.jwt["iat"] = nowSeconds() - 600;
  expired.jwt["exp"] = nowSeconds() - 300;
  expectError(expired, 400, "BAD_REQUEST");
  Call future = metadataCall();
  future.jwt = claims("organization/*.read");
  future.jwt["iat"] = nowSeconds() + 200;
  future.jwt["exp"] = nowSeconds() + 500;
  auto ok = call(future);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  Call scope = metadataCall();
  scope.scope = "badScope";
  expectError(scope, 400, "BAD_REQUEST");
  Call device = metadataCall();
  device.jwt = claims("organization/*.read");
  device.jwt["requesting_device"]["resourceType"] = "InvalidResourceType";
  expectError(device, 422, "INVALID_RESOURCE");
  Call extra = metadataCall();
  extra.jwt = claims("organization/*.read");
  extra.jwt["requesting_device"]["notAnElement"] = "x";
  expectError(extra, 422, "INVALID_RESOURCE");
  Call reason = metadataCall();
  reason.jwt = claims("organization/*.read");
  reason.jwt["reason_for_request"] = "badReason";
  expectError(reason, 400, "BAD_REQUEST");
  Call notBase64 = metadataCall();
  notBase64.headers["Authorization"] = "Bearer {\"alg\":\"none\"}." + claims("organization/*.read").dump() + ".";
  expectError(notBase64, 400, "BAD_REQUEST");
  Call noDot = metadataCall();
  const std::string t = token(claims("organization/*.read"));
  noDot.headers["Authorization"] = "Bearer " + t.substr(0, t.size() - 1);
  expectError(noDot, 400, "BAD_REQUEST");
  Call unk = metadataCall();
  unk.jwt = claims("organization/*.read");
  unk.jwt["requesting_practitioner"]["identifier"] = {{{"system", "https://fhir.nhs.uk/Id/sds-user-id"}, {"value", "UNK"}},
                                                       {{"system", "https://fhir.nhs.uk/Id/sds-role-profile-id"}, {"value", "UNK"}}};
  auto unkRes = call(unk);
  ASSERT_TRUE(unkRes);
  EXPECT_EQ(unkRes->status, 200);
}

TEST_F(CoreHttp, ContentNegotiation) {
  Call formatJson = metadataCall();
  formatJson.path += "?_format=application/fhir%2Bjson";
  formatJson.headers["Accept"] = "application/fhir+xml";
  auto res = call(formatJson);  // _format wins over Accept
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/fhir+json;charset=utf-8");
  Call noAccept = metadataCall();
  noAccept.headers["Accept"] = "<remove>";
  auto def = call(noAccept);
  ASSERT_TRUE(def);
  EXPECT_EQ(def->status, 200);
  EXPECT_TRUE(def->get_header_value("Content-Type").starts_with("application/fhir+json"));
  Call unsupported = metadataCall();
  unsupported.headers["Accept"] = "text/plain";
  expectError(unsupported, 415, "UNSUPPORTED_MEDIA_TYPE");
  Call xml = patientRead("2");
  xml.path += "?_format=xml";
  auto xmlRes = call(xml);
  ASSERT_TRUE(xmlRes);
  EXPECT_EQ(xmlRes->status, 200) << xmlRes->body;
  EXPECT_EQ(xmlRes->get_header_value("Content-Type"), "application/fhir+xml;charset=utf-8");
  EXPECT_NE(xmlRes->body.find("<Patient xmlns=\"http://hl7.org/fhir\""), std::string::npos) << xmlRes->body;
  EXPECT_NE(xmlRes->body.find("9690937286"), std::string::npos);
  Call acceptXml = metadataCall();
  acceptXml.headers["Accept"] = "application/fhir+xml";
  auto acceptRes = call(acceptXml);
  ASSERT_TRUE(acceptRes);
  EXPECT_EQ(acceptRes->status, 200);
  EXPECT_NE(acceptRes->body.find("<CapabilityStatement"), std::string::npos);
  Call textXml = metadataCall();
  textXml.path += "?_format=text/xml";
  expectError(textXml, 415, "UNSUPPORTED_MEDIA_TYPE");
}

TEST_F(CoreHttp, UnknownPathsWrongCaseAndWrongVerbs) {
  expectError({"GET", kRoot + "/metadatas", kNs + "fhir:rest:read:metadata-1"}, 404, "NO_RECORD_FOUND");
  expectError({"GET", kRoot + "/Metadata", kNs + "fhir:rest:read:metadata-1"}, 404, "NO_RECORD_FOUND");
  expectError({"GET", "/nowhere", kNs + "fhir:rest:read:metadata-1"}, 404, "NO_RECORD_FOUND");
  for (const char* verb : {"POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    Call c = metadataCall();
    c.method = verb;
    expectError(c, 400, "BAD_REQUEST");
  }
}

TEST_F(CoreHttp, GzipWhenAsked) {
  Call c = metadataCall();
  c.headers["Accept-Encoding"] = "gzip";
  auto res = call(c);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(static_cast<unsigned char>(res->body[0]), 0x1f);  // gzip magic
  auto plain = call(metadataCall());
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
}

json registerBody(const std::string& nhs, const std::string& family = "Smith") {
  json patient = {{"resourceType", "Patient"},
                  {"identifier", {{{"system", "https://fhir.nhs.uk/Id/nhs-number"}, {"value", nhs}}}},
                  {"name", {{{"use", "official"}, {"family", family}, {"given", {"Jo"}}}}},
                  {"gender", "female"},
                  {"birthDate", "1990-01-01"}};
  return {{"resourceType", "Parameters"}, {"parameter", {{{"name", "registerPatient"}, {"resource", patient}}}}};
}

Call registerCall(const json& body) {
  Call c{"POST", kRoot + "/Patient/$gpc.registerpatient", kNs + "fhir:operation:gpc.registerpatient-1", "patient/*.write"};
  c.body = body.dump();
  return c;
}

TEST_F(CoreHttp, RegisterPatientSuccessThenDuplicate) {
  auto res = call(registerCall(registerBody("9000000009")));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto b = json::parse(res->body);
  EXPECT_EQ(b["type"], "searchset");
  EXPECT_EQ(b["entry"][0]["resource"]["identifier"][0]["value"], "9000000009");
  auto found = call(patientSearch("9000000009"));
  ASSERT_TRUE(found);
  EXPECT_EQ(json::parse(found->body)["entry"].size(), 1u);
  expectError(registerCall(registerBody("9000000009")), 409, "DUPLICATE_REJECTED");
}

TEST_F(CoreHttp, RegisterPatientErrors) {
  expectError(registerCall(registerBody("9690937278")), 409, "DUPLICATE_REJECTED");            // patient1
  expectError(registerCall(registerBody("9690938533")), 400, "INVALID_PATIENT_DEMOGRAPHICS");  // sensitive
  expectError(registerCall(registerBody("9690938681")), 400, "INVALID_PATIENT_DEMOGRAPHICS");  // deceased
  expectError(registerCall(registerBody("9476718943")), 400, "INVALID_PATIENT_DEMOGRAPHICS");  // not on Spine
  expectError(registerCall(registerBody("9690938622")), 400, "INVALID_NHS_NUMBER");            // superseded
  expectError(registerCall(registerBody("9000000008")), 400, "INVALID_NHS_NUMBER");
  json noDob = registerBody("9000000017");
  noDob["parameter"][0]["resource"].erase("birthDate");
  expectError(registerCall(noDob), 400, "BAD_REQUEST");
  json extra = registerBody("9000000017");
  extra["parameter"][0]["resource"]["maritalStatus"] = {{"text", "x"}};
  expectError(registerCall(extra), 422, "INVALID_RESOURCE");
  json notParameters = registerBody("9000000017");
  notParameters["resourceType"] = "Bundle";
  expectError(registerCall(notParameters), 422, "INVALID_RESOURCE");
  Call badJson = registerCall(registerBody("9000000017"));
  badJson.body = "{not json";
  expectError(badJson, 400, "BAD_REQUEST");
  Call readScope = registerCall(registerBody("9000000017"));
  readScope.scope = "patient/*.read";
  expectError(readScope, 400, "BAD_REQUEST");
}

TEST(ReferenceProviderOptions, UnknownFaultListsTheValidOnes) {
  ProviderOptions o;
  o.faults = {"no-such-fault"};
  try {
    ReferenceProvider p(o);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no-such-fault"), std::string::npos);
    EXPECT_NE(what.find("no-cache-control"), std::string::npos);
    EXPECT_NE(what.find("bundle-id-not-trace-id"), std::string::npos);  // record faults are in the one table
  }
}

TEST(ReferenceProviderOptions, KnownFaultsAreManyUniqueAndDocumented) {
  std::set<std::string> names;
  for (const auto& f : knownFaults()) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_FALSE(f.description.empty()) << f.name;
    EXPECT_FALSE(f.rule.empty()) << f.name;
  }
  EXPECT_GE(names.size(), 25u);
}

}  // namespace
}  // namespace gpc::provider::testing
