// Every fault switch of the server pipeline and of the Foundations module changes the behaviour it claims, and only when switched on:
// each probe is a request plus a predicate that holds on the faulty provider and fails on the
// clean one.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "provider/capabilities/foundations/module.h"
#include "provider/server/faults.h"
#include "provider/datapack/data_pack.h"
#include "provider/reference_provider.h"
#include "tests/provider/provider_test_support.h"

namespace gpc::provider::testing {
namespace {

using nlohmann::json;

struct Probe {
  Call call;
  std::function<bool(const httplib::Response&)> broken;  // true: the fault's effect is visible
};

json body(const httplib::Response& r) { return json::parse(r.body, nullptr, false); }

std::string branchOf(const json& patient) {
  for (const auto& ext : patient.value("extension", json::array()))
    for (const auto& sub : ext.value("extension", json::array()))
      if (sub.value("url", "") == "preferredBranchSurgery") return sub["valueReference"].value("reference", "");
  return "";
}

Call withHeader(Call c, const std::string& name, const std::string& value) {
  c.headers[name] = value;
  return c;
}

Call withJwt(Call c, std::function<void(json&)> edit) {
  c.jwt = claims(c.scope);
  edit(c.jwt);
  return c;
}

const Call kNotFound = patientRead("99999");

std::map<std::string, Probe> probes() {
  auto oo = [](const httplib::Response& r) { return body(r)["issue"][0]; };
  json reg = {{"resourceType", "Parameters"},
              {"parameter", {{{"name", "registerPatient"},
                              {"resource", {{"resourceType", "Patient"},
                                            {"identifier", {{{"system", "https://fhir.nhs.uk/Id/nhs-number"}, {"value", "9690937278"}}}},
                                            {"name", {{{"use", "official"}, {"family", "Fennell"}}}},
                                            {"birthDate", "1946-01-29"}}}}}}};
  Call registerCall{"POST", kRoot + "/Patient/$gpc.registerpatient", kNs + "fhir:operation:gpc.registerpatient-1",
                    "patient/*.write"};
  registerCall.body = reg.dump();
  Call postMetadata = metadataCall();
  postMetadata.method = "POST";
  Call formatXml = metadataCall();
  formatXml.path += "?_format=xml";
  Call wrongInteraction = metadataCall();
  wrongInteraction.interaction = kNs + "fhir:rest:read:patient-1";
  return {
      {"no-cache-control", {metadataCall(), [](auto& r) { return !r.has_header("Cache-Control"); }}},
      {"cache-control-on-success-only", {kNotFound, [](auto& r) { return !r.has_header("Cache-Control"); }}},
      {"wrong-content-type", {metadataCall(), [](auto& r) { return r.get_header_value("Content-Type").starts_with("application/json"); }}},
      {"missing-charset", {metadataCall(), [](auto& r) { return r.get_header_value("Content-Type").find("charset") == std::string::npos; }}},
      {"error-status-swapped", {kNotFound, [](auto& r) { return r.status == 400; }}},
      {"oo-coding-system-wrong", {kNotFound, [oo](auto& r) {
         return oo(r)["details"]["coding"][0]["system"] != "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1"; }}},
      {"oo-missing-display", {kNotFound, [oo](auto& r) { return !oo(r)["details"]["coding"][0].contains("display"); }}},
      {"oo-severity-not-error", {kNotFound, [oo](auto& r) { return oo(r)["severity"] != "error"; }}},
      {"oo-profile-missing", {kNotFound, [](auto& r) { return !body(r).contains("meta"); }}},
      {"nhs-number-check-digit", {patientRead("2"), [](auto& r) {
         return !datapack::isValidNhsNumber(body(r)["identifier"][0].value("value", "")); }}},
      {"meta-profile-wrong", {patientRead("2"), [](auto& r) {
         return body(r)["meta"]["profile"][0] != "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1"; }}},
      {"version-id-missing", {patientRead("2"), [](auto& r) { return !body(r)["meta"].contains("versionId"); }}},
      {"etag-missing", {patientRead("2"), [](auto& r) { return !r.has_header("ETag"); }}},
      {"no-preferred-branch-surgery", {patientRead("2"), [](auto& r) { return branchOf(body(r)).empty(); }}},
      {"branch-surgery-is-organization", {patientRead("2"), [](auto& r) { return branchOf(body(r)).starts_with("Organization/"); }}},
      {"inactive-patient-returned", {patientSearch("9690938142"), [](auto& r) { return body(r)["entry"].size() == 1; }}},
      {"search-returns-fields-not-allowed", {patientSearch("9690937286"), [](auto& r) {
         return body(r)["entry"][0]["resource"].contains("maritalStatus"); }}},
      {"jwt-not-validated", {withHeader(metadataCall(), "Authorization", "Bearer garbage"), [](auto& r) { return r.status == 200; }}},
      {"jwt-exp-not-checked", {withJwt(metadataCall(), [](json& j) { j["exp"] = j["iat"].get<long long>() + 301; }),
                               [](auto& r) { return r.status == 200; }}},
      {"jwt-scope-not-checked", {withJwt(metadataCall(), [](json& j) { j["requested_scope"] = "patient/*.write"; }),
                                 [](auto& r) { return r.status == 200; }}},
      {"ssp-to-not-checked", {withHeader(metadataCall(), "Ssp-To", "123456789123"), [](auto& r) { return r.status == 200; }}},
      {"interaction-id-not-checked", {wrongInteraction, [](auto& r) { return r.status == 200; }}},
      {"trace-id-not-checked", {withHeader(metadataCall(), "Ssp-TraceID", "trace-1"), [](auto& r) { return r.status == 200; }}},
      {"format-param-ignored", {formatXml, [](auto& r) {
         return r.status == 200 && r.get_header_value("Content-Type").starts_with("application/fhir+json"); }}},
      {"capability-no-xml-format", {metadataCall(), [](auto& r) { return body(r)["format"].size() == 1; }}},
      {"capability-wrong-fhir-version", {metadataCall(), [](auto& r) { return body(r)["fhirVersion"] != "3.0.1"; }}},
      {"gzip-ignored", {withHeader(metadataCall(), "Accept-Encoding", "gzip"), [](auto& r) { return !r.has_header("Content-Encoding"); }}},
      {"wrong-verb-accepted", {postMetadata, [](auto& r) { return r.status == 200; }}},
      {"first-request-fails", {metadataCall(), [](auto& r) { return r.status == 500; }}},
      {"register-duplicate-accepted", {registerCall, [](auto& r) { return r.status == 200; }}},
      {"location-managing-org-missing", {{"GET", kRoot + "/Location/1", kNs + "fhir:rest:read:location-1"},
                                         [](auto& r) { return !body(r).contains("managingOrganization"); }}},
  };
}

httplib::Result run(const ReferenceProvider& p, const Call& c) {
  httplib::Client client("127.0.0.1", p.port());
  client.set_decompress(false);
  return send(client, c);
}

class CoreFaults : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    clean_ = new ReferenceProvider(ProviderOptions{});
    clean_->start();
  }
  static void TearDownTestSuite() { delete clean_; }
  static ReferenceProvider* clean_;
};
ReferenceProvider* CoreFaults::clean_ = nullptr;

TEST_P(CoreFaults, ChangesOnlyWhatItClaims) {
  const auto all = probes();
  const auto it = all.find(GetParam());
  ASSERT_NE(it, all.end()) << "no probe for fault " << GetParam();
  ProviderOptions o;
  o.faults = {GetParam()};
  o.threads = 2;
  ReferenceProvider faulty(o);
  faulty.start();
  auto bad = run(faulty, it->second.call);
  ASSERT_TRUE(bad);
  EXPECT_TRUE(it->second.broken(*bad)) << GetParam() << ": status " << bad->status << "\n" << bad->body;
  auto good = run(*clean_, it->second.call);
  ASSERT_TRUE(good);
  EXPECT_FALSE(it->second.broken(*good)) << GetParam() << " (clean provider): status " << good->status << "\n" << good->body;
}

// A transient outage, not a broken rule: only the first request fails, whatever it asks.
TEST(FirstRequestFails, OnlyTheFirstRequestFails) {
  ProviderOptions o;
  o.faults = {"first-request-fails"};
  ReferenceProvider faulty(o);
  faulty.start();
  const auto first = run(faulty, metadataCall());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 500);
  EXPECT_NE(first->body.find("INTERNAL_SERVER_ERROR"), std::string::npos) << first->body;
  for (int k = 0; k < 3; ++k) {
    const auto later = run(faulty, metadataCall());
    ASSERT_TRUE(later);
    EXPECT_EQ(later->status, 200) << later->body;
  }
}

// The record capabilities' faults are proven by the record and suite tests.
std::vector<std::string> coreFaultNames() {
  std::vector<std::string> names;
  for (const auto& f : server::pipelineFaults()) names.push_back(f.name);
  for (const auto& f : foundations::foundationsModule().faults()) names.push_back(f.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(EveryCoreFault, CoreFaults, ::testing::ValuesIn(coreFaultNames()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (auto& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

}  // namespace
}  // namespace gpc::provider::testing
