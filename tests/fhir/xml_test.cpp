// FHIR XML <-> JSON: round trips of the official examples, the demonstrator's XML responses, and
// the rules for arrays, typed primitives, _x parts, the xhtml div and contained resources.

#include <gtest/gtest.h>

#include "runner/fhir/xml.h"
#include "tests/fhir/shared_fixtures.h"

namespace gpc::fhir::testing {
namespace {

TEST(Xml, ParsesPrimitivesArraysExtensionsDivAndContained) {
  const auto registry = defaultRegistry();
  const std::string xml = R"(<?xml version="1.0"?>
<Patient xmlns="http://hl7.org/fhir">
  <id value="p1"/>
  <contained><Organization><id value="o1"/><name value="Surgery"/></Organization></contained>
  <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p></div></text>
  <active value="true"/>
  <name><given value="A"/><given value="B"/></name>
  <birthDate id="bd" value="1970-01-02"><extension url="http://example.org/x"><valueInteger value="3"/></extension></birthDate>
  <managingOrganization><reference value="#o1"/></managingOrganization>
</Patient>)";
  std::vector<Issue> issues;
  const auto json = parseXml(xml, *registry, &issues);
  EXPECT_TRUE(issues.empty()) << describe(issues);
  EXPECT_EQ(json["resourceType"], "Patient");
  EXPECT_EQ(json["active"], true);
  EXPECT_EQ(json["name"][0]["given"], nlohmann::json::array({"A", "B"}));
  EXPECT_EQ(json["birthDate"], "1970-01-02");
  EXPECT_EQ(json["_birthDate"]["id"], "bd");
  EXPECT_EQ(json["_birthDate"]["extension"][0]["valueInteger"], 3);
  EXPECT_EQ(json["contained"][0]["resourceType"], "Organization");
  EXPECT_EQ(json["text"]["div"], R"(<div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p></div>)");
  // And back: the same JSON again.
  EXPECT_EQ(parseXml(toXml(json, *registry), *registry, nullptr), json);
}

// Found by the fhir_json fuzz target (fuzz/regressions/fhir_json/resource-type-not-a-string): a
// provider body whose resourceType is not a string, or that is not an object, threw from toXml.
TEST(Xml, WritesAnyJsonWithoutThrowing) {
  const auto registry = defaultRegistry();
  for (const char* text : {R"({"resourceType": 5, "id": "x"})", R"({"resourceType": null})", R"([1, 2])", R"("text")",
                           R"({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": ["Patient"]}}]})"}) {
    const auto json = nlohmann::json::parse(text);
    std::string xml;
    EXPECT_NO_THROW(xml = toXml(json, *registry)) << text;
    std::vector<Issue> issues;
    EXPECT_NO_THROW(parseXml(xml, *registry, &issues)) << text;
  }
}

// FHIR XML is UTF-8; a stray byte is refused at its offset rather than kept in a string that
// every later message and report would have to cope with.
TEST(Xml, RefusesBytesThatAreNotUtf8WithTheirOffset) {
  const auto registry = defaultRegistry();
  std::vector<Issue> issues;
  const std::string xml = "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"a\xFF\"/></Patient>";
  EXPECT_TRUE(parseXml(xml, *registry, &issues).is_null());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].severity, "fatal");
  EXPECT_EQ(issues[0].message, "XML is not valid UTF-8: ill-formed byte sequence at offset 49");
  issues.clear();
  EXPECT_FALSE(parseXml("\xEF\xBB\xBF<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"caf\xC3\xA9\"/></Patient>", *registry,
                        &issues)
                   .is_null());
}

TEST(Xml, ReportsBadXmlUnknownElementsAndBadValuesWithPaths) {
  const auto registry = defaultRegistry();
  std::vector<Issue> issues;
  EXPECT_TRUE(parseXml("<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"x\"", *registry, &issues).is_null());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].severity, "fatal");
  issues.clear();
  parseXml(R"(<Patient xmlns="http://hl7.org/fhir"><active value="yes"/><colour value="red"/></Patient>)", *registry,
           &issues);
  ASSERT_EQ(issues.size(), 2u) << describe(issues);
  EXPECT_EQ(issues[0].location, "Patient.active");
  EXPECT_EQ(issues[1].location, "Patient.colour");
  issues.clear();
  parseXml(R"(<Patient xmlns="urn:wrong"/>)", *registry, &issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("namespace"), std::string::npos);
}

TEST(Xml, OfficialExamplesRoundTrip) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no official examples";
  const auto registry = defaultRegistry();
  int checked = 0;
  for (const auto& file : stu3JsonSamples()) {
    if (file.string().find("/examples/") == std::string::npos) continue;
    const auto json = readJson(file);
    if (json.is_discarded() || !json.is_object() || !json.contains("resourceType")) continue;
    std::vector<Issue> issues;
    const auto back = parseXml(toXml(json, *registry), *registry, &issues);
    // Values the JSON had in the wrong shape (a string decimal, a single item for an array)
    // come back corrected; everything else must be identical.
    if (errorsOf(Validator(registry).validate(json)).empty()) {
      EXPECT_EQ(back, json) << file;
      EXPECT_TRUE(issues.empty()) << file << "\n" << describe(issues);
    }
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST(Xml, DemonstratorXmlResponsesParseAndValidate) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no demonstrator responses";
  const auto registry = defaultRegistry();
  const Validator validator(registry);
  for (const auto& entry : std::filesystem::directory_iterator(sharedDir() / "examples/demonstrator-responses")) {
    if (entry.path().extension() != ".xml") continue;
    std::vector<Issue> issues;
    const auto json = parseXml(readText(entry.path()), *registry, &issues);
    ASSERT_TRUE(json.is_object()) << entry.path() << describe(issues);
    EXPECT_EQ(json["resourceType"], "Bundle") << entry.path();
    EXPECT_TRUE(errorsOf(issues).empty()) << entry.path() << "\n" << describe(issues);
    // XML -> JSON -> XML -> JSON is stable.
    EXPECT_EQ(parseXml(toXml(json, *registry), *registry, nullptr), json) << entry.path();
  }
}

}  // namespace
}  // namespace gpc::fhir::testing
