#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include "runner/target/target.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

const char* kMinimal = R"({"name": "t", "endpoints": {"foundations": "https://p.example/B1/STU3/1/gpconnect/"},
  "asid": {"consumer": "1", "provider": "2"}, "practice": {"ods": "B1"}, "jwt": {"iss": "https://c"},
  "patients": {"patient2": {"nhsNumber": "9690937286", "id": "2", "roles": ["full-record"]}}})";

std::string errorOf(const std::string& text) {
  try {
    parseTarget(text, "fixtures/targets/x.json", "/base");
  } catch (const LoadError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string edit(const std::string& from, const std::string& to) {
  std::string s = kMinimal;
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

TEST(TargetFile, MinimalWithDefaults) {
  auto t = parseTarget(kMinimal, "x.json", "/base");
  EXPECT_EQ(t.endpoints.at("foundations"), "https://p.example/B1/STU3/1/gpconnect");  // trailing '/' dropped
  EXPECT_EQ(t.audFor("foundations"), "https://p.example/B1/STU3/1/gpconnect");
  EXPECT_EQ(t.requestingPractitioner["id"], "1");
  EXPECT_EQ(t.requestingOrganization["identifier"][0]["value"], "GPCA0001");
  EXPECT_TRUE(t.transport.verifyPeer);
  EXPECT_EQ(t.tree["patients"]["patient2"]["nhsNumber"], "9690937286");
}

TEST(TargetFile, UnknownKeysWithHints) {
  EXPECT_EQ(errorOf(edit(R"("name": "t",)", R"("name": "t", "tls": {"verfy": true},)")),
            "fixtures/targets/x.json: /tls/verfy: unknown key (did you mean \"verify\"?)");
  EXPECT_EQ(errorOf(edit(R"("nhsNumber")", R"("nhsnumber")")),
            "fixtures/targets/x.json: /patients/patient2/nhsnumber: unknown key (did you mean \"nhsNumber\"?)");
}

TEST(TargetFile, BadValues) {
  EXPECT_EQ(errorOf(edit(R"("https://p.example/B1/STU3/1/gpconnect/")", R"("p.example/x")")),
            "fixtures/targets/x.json: /endpoints/foundations: expected an absolute URL (scheme://host/...), got \"p.example/x\"");
  EXPECT_EQ(errorOf(edit(R"("consumer": "1")", R"("consumer": 1)")),
            "fixtures/targets/x.json: /asid/consumer: expected a string, got an integer");
  EXPECT_EQ(errorOf(edit(R"("practice": {"ods": "B1"}, )", "")), "fixtures/targets/x.json: missing required field \"practice\"");
  EXPECT_EQ(errorOf(edit(R"("name": "t",)", R"("name": "t", "tls": {"client_cert": "c.pem"},)")),
            "fixtures/targets/x.json: /tls: client_cert and client_key go together (mutual TLS needs both)");
  EXPECT_EQ(errorOf("{\"name\": \n}"),
            "fixtures/targets/x.json: invalid JSON at line 2, column 1: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
}

TEST(TargetFile, PathsAreRelativeToTheFile) {
  auto t = parseTarget(edit(R"("name": "t",)", R"("name": "t", "tls": {"ca_bundle": "certs/ca.pem", "client_cert": "/abs/c.pem", "client_key": "k.key"},)"),
                       "x.json", "/base/targets");
  EXPECT_EQ(t.transport.caBundle, "/base/targets/certs/ca.pem");
  EXPECT_EQ(t.transport.clientCert, "/abs/c.pem");
  EXPECT_EQ(t.transport.clientKey, "/base/targets/k.key");
}

TEST(TargetFile, BaseUrlReplacesOriginKeepsPaths) {
  auto t = testing::referenceTarget();
  EXPECT_EQ(t.endpoints.at("foundations"), "http://127.0.0.1:8080/B82617/STU3/1/gpconnect");
  EXPECT_EQ(t.endpoints.at("structured"), "http://127.0.0.1:8080/B82617/STU3/1/gpconnect/structured");
  EXPECT_EQ(t.endpoints.at("html"), "http://127.0.0.1:8080/B82617/DSTU2/1/gpconnect");
  EXPECT_EQ(t.tree["endpoints"]["documents"], "http://127.0.0.1:8080/B82617/STU3/1/gpconnect/documents");
  applyBaseUrl(t, "https://other:9443/ignored/path");
  EXPECT_EQ(t.endpoints.at("foundations"), "https://other:9443/B82617/STU3/1/gpconnect");
  EXPECT_THROW(applyBaseUrl(t, "not a url"), std::invalid_argument);
}

TEST(TargetFile, ShippedTargetsLoad) {
  auto dir = std::filesystem::path(GPC_SOURCE_DIR) / "fixtures" / "targets";
  auto ref = loadTarget(dir / "reference.json");
  EXPECT_EQ(ref.providerAsid, "918999198738");
  EXPECT_EQ(ref.consumerAsid, "200000000359");
  EXPECT_EQ(ref.tree["patients"]["patientNotInSystem"]["nhsNumber"], "9999999999");
  EXPECT_EQ(ref.tree["organisations"]["unknownORG"]["ods"], "INVOC1");
  EXPECT_EQ(ref.tree["patients"].size(), 23u);  // 21 data-pack roles + areasDisabled, awaitingFiling
  EXPECT_EQ(ref.tree["patients"]["areasDisabled"]["nhsNumber"], ref.tree["patients"]["patient7"]["nhsNumber"]);
  auto remote = loadTarget(dir / "example-remote.json");
  EXPECT_EQ(remote.sspPrefix, "https://proxy.int.spine2.ncrs.nhs.uk");
  EXPECT_FALSE(remote.transport.clientCert.empty());
}

}  // namespace
}  // namespace gpc
