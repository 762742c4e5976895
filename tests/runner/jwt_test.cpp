#include <gtest/gtest.h>

#include "runner/request/encoding.h"
#include "runner/request/jwt.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

struct Decoded {
  nlohmann::json header, payload;
  std::string signature;
  int dots = 0;
};

Decoded decode(const std::string& token) {
  Decoded d;
  for (char c : token) d.dots += c == '.';
  auto first = token.find('.');
  auto second = token.find('.', first + 1);
  d.header = nlohmann::json::parse(*base64Decode(token.substr(0, first)));
  d.payload = nlohmann::json::parse(*base64Decode(token.substr(first + 1, second - first - 1)));
  d.signature = second == std::string::npos ? "(none)" : token.substr(second + 1);
  return d;
}

class JwtTest : public ::testing::Test {
 protected:
  Target target = testing::referenceTarget();
  InteractionTable table = testing::projectInteractions();
  std::chrono::system_clock::time_point now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
};

TEST_F(JwtTest, Stu3TokenHasEveryClaimAndTheTrailingDot) {
  auto jwt = buildJwt(target, table.at("read:patient"), now, nlohmann::json::object(), "");
  ASSERT_TRUE(jwt.token);
  const auto& token = *jwt.token;
  EXPECT_EQ(token.back(), '.');
  EXPECT_EQ(token.find_first_of("=+/"), std::string::npos);  // base64url without padding
  auto d = decode(token);
  EXPECT_EQ(d.dots, 2);
  EXPECT_EQ(d.signature, "");
  EXPECT_EQ(d.header, nlohmann::json({{"alg", "none"}, {"typ", "JWT"}}));
  EXPECT_EQ(d.payload["iss"], "https://ConsumerSystemURL");
  EXPECT_EQ(d.payload["sub"], "1");
  EXPECT_EQ(d.payload["sub"], d.payload["requesting_practitioner"]["id"]);
  EXPECT_EQ(d.payload["aud"], "http://127.0.0.1:8080/B82617/STU3/1/gpconnect");
  EXPECT_EQ(d.payload["iat"], 1700000000);
  EXPECT_EQ(d.payload["exp"], 1700000300);
  EXPECT_EQ(d.payload["reason_for_request"], "directcare");
  EXPECT_EQ(d.payload["requested_scope"], "patient/*.read");
  EXPECT_EQ(d.payload["requesting_device"]["resourceType"], "Device");
  EXPECT_EQ(d.payload["requesting_organization"]["identifier"][0]["system"], "https://fhir.nhs.uk/Id/ods-organization-code");
  EXPECT_EQ(d.payload["requesting_practitioner"]["identifier"][0]["system"], "https://fhir.nhs.uk/Id/sds-user-id");
  EXPECT_FALSE(d.payload.contains("requested_record"));
  EXPECT_EQ(jwt.payload, d.payload);  // evidence is what was sent
}

TEST_F(JwtTest, ScopeAndReasonFollowTheInteraction) {
  EXPECT_EQ(buildJwt(target, table.at("read:metadata"), now, {}, "").payload["requested_scope"], "organization/*.read");
  auto migrate = buildJwt(target, table.at("gpc.migratestructuredrecord"), now, {}, "").payload;
  EXPECT_EQ(migrate["reason_for_request"], "migration");
  EXPECT_EQ(migrate["requested_scope"], "patient/*.read conf/N");
  EXPECT_EQ(buildJwt(target, table.at("gpc.getstructuredrecord"), now, {}, "").payload["aud"],
            "http://127.0.0.1:8080/B82617/STU3/1/gpconnect/structured");
}

TEST_F(JwtTest, Dstu2Variant) {
  auto p = decode(*buildJwt(target, table.at("html:gpc.getcarerecord"), now, {}, "9690937286").token).payload;
  EXPECT_EQ(p["aud"], "https://authorize.fhir.nhs.net/token");
  EXPECT_EQ(p["requested_record"]["resourceType"], "Patient");
  EXPECT_EQ(p["requested_record"]["identifier"][0]["system"], "http://fhir.nhs.net/Id/nhs-number");
  EXPECT_EQ(p["requested_record"]["identifier"][0]["value"], "9690937286");
  EXPECT_EQ(p["requesting_practitioner"]["identifier"][0]["system"], "http://fhir.nhs.net/sds-user-id");
  EXPECT_TRUE(p["requesting_practitioner"]["name"]["family"].is_array());
  EXPECT_TRUE(p["requesting_practitioner"].contains("practitionerRole"));
  EXPECT_EQ(p["requesting_organization"]["identifier"][0]["system"], "http://fhir.nhs.net/Id/ods-organization-code");
  auto org = buildJwt(target, table.at("html:read:metadata"), now, {}, "").payload;
  EXPECT_EQ(org["requested_record"]["resourceType"], "Organization");
  EXPECT_EQ(org["requested_record"]["identifier"][0]["value"], "B82617");
}

TEST_F(JwtTest, EveryEdit) {
  const auto& in = table.at("read:metadata");
  auto edited = buildJwt(target, in, now,
                         nlohmann::json::parse(R"({"set": {"aud": "https://wrong", "extra": 1}, "remove": ["iss"],
                             "iat_offset": -600, "exp_offset": 299, "scope": "badScope"})"),
                         "").payload;
  EXPECT_EQ(edited["aud"], "https://wrong");
  EXPECT_EQ(edited["extra"], 1);
  EXPECT_FALSE(edited.contains("iss"));
  EXPECT_EQ(edited["iat"], 1700000000 - 600);
  EXPECT_EQ(edited["exp"], 1700000000 - 600 + 299);
  EXPECT_EQ(edited["requested_scope"], "badScope");

  auto plain = *buildJwt(target, in, now, {{"encoding", "plain"}}, "").token;
  EXPECT_EQ(plain.rfind(R"({"alg":"none","typ":"JWT"}.{)", 0), 0u);
  auto b64 = *buildJwt(target, in, now, {{"encoding", "base64"}}, "").token;
  EXPECT_NE(b64.find('='), std::string::npos);  // padded standard alphabet
  auto noDot = *buildJwt(target, in, now, {{"trailing_dot", false}}, "").token;
  EXPECT_NE(noDot.back(), '.');
  EXPECT_EQ(decode(noDot).dots, 1);
  auto header = decode(*buildJwt(target, in, now, {{"header", {{"alg", "HS256"}}}}, "").token).header;
  EXPECT_EQ(header, nlohmann::json({{"alg", "HS256"}}));
  EXPECT_EQ(*buildJwt(target, in, now, {{"raw", "abc"}}, "").token, "abc");
  EXPECT_FALSE(buildJwt(target, in, now, {{"none", true}}, "").token);
}

TEST(Encoding, Base64AndPercent) {
  EXPECT_EQ(base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64Encode("\xfb\xff"), "+/8=");
  // RFC 4648 §10 test vectors, padded and (base64url) not.
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64Encode(plain), encoded) << plain;
    std::string unpadded = encoded;
    unpadded.erase(unpadded.find_last_not_of('=') + 1);
    EXPECT_EQ(base64UrlEncode(plain), unpadded) << plain;
    EXPECT_EQ(*base64Decode(encoded), plain) << plain;
  }
  EXPECT_EQ(*base64Decode("-_8"), "\xfb\xff");
  EXPECT_FALSE(base64Decode("a$b"));
  EXPECT_EQ(percentEncode("https://fhir.nhs.uk/Id/nhs-number|9690937286"),
            "https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9690937286");
  auto a = uuidV4(), b = uuidV4();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos);
}

}  // namespace
}  // namespace gpc
