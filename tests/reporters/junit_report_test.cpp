#include "gpc/build_paths.h"
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "reporters/reporters.h"
#include "sample_results.h"
#include "temp_dir.h"

namespace gpc::reporters {
namespace {

using testing::hostileRun;
using testing::kHostile;
using testing::sampleRun;

std::string writeJUnit(const TempDir& dir, const RunResult& r, JUnitStyle style = JUnitStyle::PerCase) {
  const auto path = dir.path() / (style == JUnitStyle::Strict ? "junit-strict.xml" : "junit.xml");
  makeJUnitReporter(path, style)->runFinished(r);
  return path.string();
}

pugi::xml_document parse(const std::string& path) {
  pugi::xml_document doc;
  const auto result = doc.load_file(path.c_str());
  EXPECT_TRUE(result) << result.description() << " at offset " << result.offset;
  return doc;
}

TEST(JUnitReport, OneSuitePerSuiteIdAndOneCasePerExpandedCase) {
  TempDir dir;
  const auto doc = parse(writeJUnit(dir, sampleRun()));
  const auto root = doc.child("testsuites");
  ASSERT_TRUE(root);
  EXPECT_FALSE(root.first_attribute()) << "the Ant schema allows no attributes on <testsuites>";
  const auto suites = root.children("testsuite");
  ASSERT_EQ(std::distance(suites.begin(), suites.end()), 2);
  const auto first = root.child("testsuite");
  EXPECT_STREQ(first.attribute("name").value(), "foundations.patient.read");
  EXPECT_STREQ(first.attribute("tests").value(), "2");
  EXPECT_STREQ(first.attribute("failures").value(), "1");
  EXPECT_STREQ(first.attribute("errors").value(), "0");
  EXPECT_STREQ(first.attribute("timestamp").value(), "2024-05-01T09:30:00");
  EXPECT_STREQ(first.attribute("time").value(), "0.025");
  EXPECT_STREQ(first.attribute("package").value(), "gpc.foundations");
  const auto passed = first.child("testcase");
  EXPECT_STREQ(passed.attribute("classname").value(), "gpc.foundations.patient-read");
  EXPECT_STREQ(passed.attribute("name").value(), "FND-PAT-READ-001 Read a registered patient");
  EXPECT_STREQ(passed.attribute("time").value(), "0.012");
  // Per-case metadata on the case itself, not ~2,500 properties at suite level.
  const auto caseProperties = passed.child("properties");
  EXPECT_STREQ(caseProperties.find_child_by_attribute("property", "name", "requirement").attribute("value").value(),
               "foundations_use_case_read_a_patient#response");
  EXPECT_STREQ(caseProperties.find_child_by_attribute("property", "name", "official").attribute("value").value(),
               "PatientRead.feature: Read patient 404 if patient not found");
  EXPECT_STREQ(caseProperties.find_child_by_attribute("property", "name", "tags").attribute("value").value(),
               "foundations, patient");
  EXPECT_STREQ(passed.child("system-out").text().get(), "GET http://127.0.0.1:8080/Patient/2 -> 200, 12 ms\n");
  EXPECT_FALSE(passed.child("failure"));
  const auto suiteProperties = first.child("properties").children("property");
  EXPECT_EQ(std::distance(suiteProperties.begin(), suiteProperties.end()), 5) << "capability, spec, file, target, tool";
  EXPECT_FALSE(first.child("properties").find_child_by_attribute("property", "name", "FND-PAT-READ-002.requirement"));

  const auto failedCase = passed.next_sibling("testcase");
  const auto failure = failedCase.child("failure");
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure.attribute("message").value(), "status: expected 200, got 404");
  EXPECT_STREQ(failure.attribute("type").value(), "status");
  const std::string evidence = failure.text().get();
  const auto failingCheck = evidence.find("[FAIL] status: expected 200, got 404 - unexpected status");
  EXPECT_NE(failingCheck, std::string::npos) << evidence;
  EXPECT_LT(failingCheck, evidence.find("[pass] header Cache-Control")) << "failing checks first:\n" << evidence;
  EXPECT_NE(evidence.find("> GET http://127.0.0.1:8080/Patient/2"), std::string::npos);
  EXPECT_NE(evidence.find("< HTTP 200"), std::string::npos);
  EXPECT_NE(evidence.find(R"({"resourceType":"Patient","id":"2"})"), std::string::npos);
  EXPECT_TRUE(failedCase.child("system-out"));
  const auto security = first.next_sibling("testsuite");
  EXPECT_STREQ(security.attribute("id").value(), "1");
  const auto errored = security.child("testcase");
  EXPECT_STREQ(errored.attribute("classname").value(), "gpc.security.headers");
  EXPECT_STREQ(errored.child("error").attribute("message").value(), "connection refused");
  EXPECT_STREQ(errored.child("error").attribute("type").value(), "error");
  const auto skipped = errored.next_sibling("testcase");
  EXPECT_STREQ(skipped.child("skipped").attribute("message").value(), "not applicable to this provider");
  EXPECT_FALSE(skipped.child("system-out")) << "nothing was sent";
}

TEST(JUnitReport, ClassnamesGiveEveryCaseThePackageOfItsCapability) {
  RunResult r = sampleRun();
  r.cases[0].info.suiteId = "http";
  r.cases[0].info.capability = "http";
  r.cases[1].info.suiteId = "structured.getstructuredrecord.areas";
  r.cases[1].info.capability = "structured";
  TempDir dir;
  const auto doc = parse(writeJUnit(dir, r));
  std::vector<std::string> classnames;
  for (const auto suite : doc.child("testsuites").children("testsuite"))
    for (const auto tc : suite.children("testcase")) classnames.push_back(tc.attribute("classname").value());
  EXPECT_EQ(classnames, (std::vector<std::string>{"gpc.http.http", "gpc.structured.getstructuredrecord-areas",
                                                  "gpc.security.headers", "gpc.security.headers"}));
}

TEST(JUnitReport, StrictKeepsCaseMetadataAndExchangesAtSuiteLevel) {
  TempDir dir;
  const auto doc = parse(writeJUnit(dir, sampleRun(), JUnitStyle::Strict));
  const auto first = doc.child("testsuites").child("testsuite");
  const auto passed = first.child("testcase");
  EXPECT_STREQ(passed.attribute("classname").value(), "gpc.foundations.patient-read");
  EXPECT_FALSE(passed.first_child()) << "the Ant schema allows no children on a passed case";
  EXPECT_FALSE(passed.next_sibling("testcase").child("system-out"));
  EXPECT_STREQ(first.child("properties")
                   .find_child_by_attribute("property", "name", "FND-PAT-READ-002.requirement")
                   .attribute("value")
                   .value(),
               "foundations_use_case_read_a_patient#response");
  EXPECT_STREQ(first.child("system-out").text().get(),
               "FND-PAT-READ-001: GET http://127.0.0.1:8080/Patient/2 -> 200, 12 ms\n"
               "FND-PAT-READ-002: GET http://127.0.0.1:8080/Patient/2 -> 200, 12 ms\n");
}

TEST(JUnitReport, HostileContentStaysWellFormedAndReadable) {
  TempDir dir;
  const std::string path = writeJUnit(dir, hostileRun());
  const std::string xml = readFile(path);
  for (char bad : {'\0', '\x01', '\x08', '\x0b', '\x0c', '\x1b'}) {
    EXPECT_EQ(xml.find(bad), std::string::npos) << "control byte " << int(bad);
  }
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  // "]]>" may not appear in character data (it may in attribute values).
  EXPECT_NE(xml.find("]]&gt; "), std::string::npos);
  EXPECT_EQ(xml.find("&#0;"), std::string::npos);
  const auto doc = parse(path);
  const auto failure = doc.child("testsuites").child("testsuite").child("testcase").child("failure");
  const std::string message = failure.attribute("message").value();
  EXPECT_EQ(message.rfind("<script>alert('x')</script></textarea>\"quoted\" & ]]> ", 0), 0u) << message;
  EXPECT_NE(std::string(failure.text().get()).find("</textarea>"), std::string::npos);
}

// Runs xmllint against one schema; the message on failure is xmllint's own.
void expectValid(const std::string& xml, const std::string& schema) {
  const std::string log = xml + ".xmllint.log";
  const std::string command = "xmllint --noout --schema '" + schema + "' '" + xml + "' >'" + log + "' 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << schema << ":\n" << readFile(log);
}

class JUnitSchema : public ::testing::TestWithParam<const char*> {};

TEST_P(JUnitSchema, StrictReportsValidateIncludingHostileContent) {
  const std::filesystem::path schema = std::filesystem::path(GPC_SHARED_DIR) / "junit-schema" / GetParam();
  if (!std::filesystem::exists(schema)) GTEST_SKIP() << "schema not present: " << schema;
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint (libxml2-utils) not installed";
  TempDir dir;
  for (const RunResult& r : {sampleRun(), hostileRun()}) {
    expectValid(writeJUnit(dir, r, JUnitStyle::Strict), schema.string());
  }
  RunResult empty;
  empty.info = testing::sampleInfo();
  expectValid(writeJUnit(dir, empty, JUnitStyle::Strict), schema.string());
}

// The per-case form departs from the Jenkins xUnit schema in one way only: <properties> inside
// a <testcase>. With those taken out it validates, per-case <system-out> included.
TEST(JUnitSchemaCheck, PerCaseFormIsTheJenkinsSchemaPlusCaseProperties) {
  const std::filesystem::path schema = std::filesystem::path(GPC_SHARED_DIR) / "junit-schema" / "junit-10.xsd";
  if (!std::filesystem::exists(schema)) GTEST_SKIP() << "schema not present: " << schema;
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint (libxml2-utils) not installed";
  TempDir dir;
  for (const RunResult& r : {sampleRun(), hostileRun()}) {
    const std::string path = writeJUnit(dir, r);
    pugi::xml_document doc = parse(path);
    int removed = 0;
    for (auto suite : doc.child("testsuites").children("testsuite"))
      for (auto tc : suite.children("testcase"))
        if (tc.remove_child("properties")) ++removed;
    EXPECT_GT(removed, 0);
    ASSERT_TRUE(doc.save_file(path.c_str()));
    expectValid(path, schema.string());
  }
}

// The validation above can fail: a report with attributes on <testsuites> breaks the Ant schema.
TEST(JUnitSchemaCheck, RejectsWhatTheAntSchemaForbids) {
  const std::filesystem::path schema = std::filesystem::path(GPC_SHARED_DIR) / "junit-schema" / "windyroad-JUnit.xsd";
  if (!std::filesystem::exists(schema)) GTEST_SKIP() << "schema not present: " << schema;
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint (libxml2-utils) not installed";
  TempDir dir;
  const std::string path = writeJUnit(dir, sampleRun(), JUnitStyle::Strict);
  std::string xml = readFile(path);
  xml.replace(xml.find("<testsuites>"), 12, "<testsuites tests=\"4\">");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << xml;
  const std::string command = "xmllint --noout --schema '" + schema.string() + "' '" + path + "' >/dev/null 2>&1";
  EXPECT_NE(std::system(command.c_str()), 0);
}

// --retries: a flaky case (passed on attempt 2) and one failing all three attempts.
RunResult retriedRun() {
  RunResult r = sampleRun();
  CaseResult& flaky = r.cases[0];
  const CaseResult failedOnce = r.cases[1];
  const CaseAttempt attempt{Verdict::Failed, failedOnce.reason, failedOnce.checks, failedOnce.exchanges, 3};
  flaky.verdict = Verdict::Flaky;
  flaky.reason = "passed on attempt 2; attempt 1 failed: " + failedOnce.reason;
  flaky.retried = {attempt};
  r.cases[1].retried = {attempt, CaseAttempt{Verdict::Errored, "no HTTP response: reset", {}, failedOnce.exchanges, 1}};
  return testing::withSummary(std::move(r));
}

TEST(JUnitRetries, FlakyAndRerunElementsAsSurefireWritesThem) {
  TempDir dir;
  const auto doc = parse(writeJUnit(dir, retriedRun()));
  const auto suite = doc.child("testsuites").child("testsuite");
  EXPECT_STREQ(suite.attribute("failures").value(), "1");  // the flaky case passed in the end
  auto testcases = suite.children("testcase").begin();
  const pugi::xml_node flaky = *testcases++;
  const pugi::xml_node failed = *testcases;
  EXPECT_FALSE(flaky.child("failure"));
  const auto flakyFailure = flaky.child("flakyFailure");
  ASSERT_TRUE(flakyFailure);
  EXPECT_STREQ(flakyFailure.attribute("type").value(), "status");
  EXPECT_NE(std::string(flakyFailure.child("stackTrace").text().get()).find("Checks:"), std::string::npos);
  EXPECT_TRUE(flakyFailure.child("system-out"));
  EXPECT_TRUE(failed.child("failure"));
  EXPECT_TRUE(failed.child("rerunFailure"));
  EXPECT_TRUE(failed.child("rerunError"));
  EXPECT_FALSE(failed.child("flakyFailure"));
}

// The flaky and rerun elements are the Jenkins xUnit schema's own; the strict form, valid against
// the Ant schema too, carries them as suite properties instead.
TEST(JUnitRetries, BothFormsStayValid) {
  const std::filesystem::path shared = std::filesystem::path(GPC_SHARED_DIR) / "junit-schema";
  if (!std::filesystem::exists(shared / "junit-10.xsd")) GTEST_SKIP() << "schemas not present: " << shared;
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint (libxml2-utils) not installed";
  TempDir dir;
  const std::string strict = writeJUnit(dir, retriedRun(), JUnitStyle::Strict);
  EXPECT_EQ(readFile(strict).find("flakyFailure"), std::string::npos);
  EXPECT_NE(readFile(strict).find("FND-PAT-READ-001.flaky"), std::string::npos);
  for (const char* schema : {"junit-10.xsd", "windyroad-JUnit.xsd"}) expectValid(strict, (shared / schema).string());
  const std::string path = writeJUnit(dir, retriedRun());
  pugi::xml_document doc = parse(path);
  for (auto suite : doc.child("testsuites").children("testsuite"))
    for (auto tc : suite.children("testcase")) tc.remove_child("properties");
  ASSERT_TRUE(doc.save_file(path.c_str()));
  expectValid(path, (shared / "junit-10.xsd").string());
}

INSTANTIATE_TEST_SUITE_P(BothSchemas, JUnitSchema, ::testing::Values("junit-10.xsd", "windyroad-JUnit.xsd"));

}  // namespace
}  // namespace gpc::reporters
