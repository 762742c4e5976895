#include "gpc/build_paths.h"
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "runner/suite/suite_loader.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

const InteractionTable& table() {
  static const auto t = testing::projectInteractions();
  return t;
}

std::string loadError(const std::string& text) {
  try {
    parseSuite(text, "suites/t.json", table());
  } catch (const LoadError& e) {
    return e.what();
  }
  return "(no error)";
}

const char* kHead = R"("suite": "t.s", "capability": "foundations", "spec": "1.6.2", "interaction": "read:metadata",)";

std::string suiteWith(const std::string& cases) { return std::string("{") + kHead + R"("cases": [)" + cases + "]}"; }

TEST(InteractionsTable, EveryInteractionOfTheSpecIsThere) {
  const auto& t = table();
  EXPECT_EQ(t.size(), 25u);
  EXPECT_EQ(t.at("read:patient").interactionId, "urn:nhs:names:services:gpconnect:fhir:rest:read:patient-1");
  EXPECT_EQ(t.at("html:gpc.getcarerecord").interactionId, "urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord");
  EXPECT_EQ(t.at("html:read:metadata").fhir, FhirVersion::DSTU2);
  EXPECT_EQ(t.at("gpc.migratestructuredrecord").reasonForRequest, "migration");
  EXPECT_EQ(t.at("documents:search:documentreference").path, "/Patient/{id}/DocumentReference");
  EXPECT_EQ(t.at("read:organization").scope, "organization/*.read");
  EXPECT_EQ(t.at("gpc.registerpatient").scope, "patient/*.write");
  EXPECT_EQ(t.at("gpc.registerpatient").kind, latency::InteractionKind::Command);
  EXPECT_EQ(t.at("gpc.getstructuredrecord").kind, latency::InteractionKind::Query);
  EXPECT_EQ(t.at("cancel:appointment").scope, "patient/*.write");
  EXPECT_EQ(t.at("search:slot").scope, "organization/*.read");
}

TEST(InteractionsTable, KindIsRequiredAndNamedWhenWrong) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / ("gpc-interactions-" + std::to_string(::getpid())) / "suites";
  fs::create_directories(dir);
  const auto file = dir / "interactions.json";
  const auto error = [&](const std::string& kind) {
    std::ofstream(file) << R"({"read:x": {"interaction_id": "urn:x", "method": "GET", "path": "/x", "scope": "s",
                              "endpoint": "foundations", "fhir": "STU3")" << kind << "}}";
    try {
      loadInteractions(file);
    } catch (const LoadError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(error(""), "suites/interactions.json: /read:x: missing required field \"kind\"");
  EXPECT_EQ(error(R"(, "kind": "read")"), "suites/interactions.json: /read:x/kind: expected \"query\" or \"command\", got \"read\"");
  EXPECT_EQ(error(R"(, "kind": "command")"), "(no error)");
  fs::remove_all(dir.parent_path());
}

TEST(SuiteLoader, BadJsonNamesLineAndColumn) {
  EXPECT_EQ(loadError("{\n  \"suite\": \"x\",\n  \"cases\": [,]\n}"),
            "suites/t.json: invalid JSON at line 3, column 13: syntax error while parsing value - unexpected ','; "
            "expected '[', '{', or a literal");
}

TEST(SuiteLoader, UnknownKeyGivesHint) {
  EXPECT_EQ(loadError(suiteWith(R"({"id": "A", "title": "t", "requirement": "r", "expect": {"stauts": 200}})")),
            "suites/t.json: /cases/0/expect/stauts: unknown key (did you mean \"status\"?)");
  EXPECT_EQ(loadError(std::string("{") + kHead + R"("cases": [], "tgas": []})"),
            "suites/t.json: /tgas: unknown key (did you mean \"tags\"?)");
}

TEST(SuiteLoader, WrongTypeAndBadStatus) {
  EXPECT_EQ(loadError(suiteWith(R"({"id": 3, "title": "t", "requirement": "r", "expect": {"status": 200}})")),
            "suites/t.json: /cases/0/id: expected a string, got an integer");
  EXPECT_EQ(loadError(suiteWith(R"({"id": "A", "title": "t", "requirement": "r", "expect": {"status": "200"}})")),
            "suites/t.json: /cases/0/expect/status: expected an integer 100-599, a list of them, {\"not\": n} or "
            "{\"range\": [low, high]}");
}

TEST(SuiteLoader, MissingField) {
  EXPECT_EQ(loadError(suiteWith(R"({"id": "A", "requirement": "r", "expect": {"status": 200}})")),
            "suites/t.json: /cases/0: missing required field \"title\"");
  EXPECT_EQ(loadError(R"({"suite": "x", "spec": "1", "cases": []})"),
            "suites/t.json: missing required field \"capability\"");
}

TEST(SuiteLoader, UnknownInteraction) {
  EXPECT_EQ(loadError(suiteWith(R"({"id": "A", "title": "t", "requirement": "r", "interaction": "read:patinet", "expect": {"status": 200}})")),
            "suites/t.json: /cases/0/interaction: unknown interaction \"read:patinet\" (did you mean \"read:patient\"?)");
}

TEST(SuiteLoader, UnknownVariable) {
  EXPECT_EQ(loadError(suiteWith(R"({"id": "A", "title": "t", "requirement": "r", "request": {"path": "/Patient/{patientId}"}, "expect": {"status": 200}})")),
            "suites/t.json: /cases/0/request/path: unknown variable {patientId}");
  EXPECT_EQ(loadError(suiteWith(R"({"id": "A", "title": "t", "requirement": "r", "expect": {"status": 200, "headers": {"X": {"equals": "{capture.id}"}}}})")),
            "suites/t.json: /cases/0/expect/headers/X/equals: unknown variable {capture.id}: no earlier step captures \"id\"");
  // The interaction's own path placeholder must be given.
  EXPECT_EQ(loadError(std::string("{") + R"("suite": "t.s", "capability": "f", "spec": "1", "interaction": "read:patient", "cases": [{"id": "A", "title": "t", "requirement": "r", "expect": {"status": 200}}]})"),
            "suites/t.json: /cases/0/request: interaction \"read:patient\" path /Patient/{id} needs {id}: give request.path_params.id");
}

TEST(SuiteLoader, KnownVariablesPass) {
  auto cases = parseSuite(std::string("{") + kHead + R"("variables": {"bad": "x"}, "cases": [{"id": "A", "title": "t", "requirement": "r",
      "request": {"path": "/Patient/{patients.patient2.id}", "headers": {"X-T": "{trace_id} {today-2y} {bad} {{literal}}"}},
      "expect": {"status": 200}}]})", "suites/t.json", table());
  ASSERT_EQ(cases.size(), 1u);
}

TEST(SuiteLoader, DuplicateIdAfterExpansion) {
  const auto text = suiteWith(R"({"id": "DUP-{n}", "title": "t {n}", "requirement": "r", "examples": {"n": [1, 1]}, "expect": {"status": 200}})");
  auto cases = parseSuite(text, "suites/t.json", table());
  try {
    checkUniqueIds(cases);
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_STREQ(e.what(), "suites/t.json: /cases/0/id: duplicate case id \"DUP-1\" (also suites/t.json: /cases/0)");
  }
}

TEST(SuiteLoader, ExamplesExpandBothFormsWithTypedSubstitution) {
  auto columns = parseSuite(suiteWith(R"({"id": "HDR-{header}", "title": "Without {header}", "requirement": "r",
      "examples": {"header": ["Ssp-TraceID", "Ssp-From"], "status": [400, 401]},
      "request": {"remove_headers": ["{header}"]}, "expect": {"status": "{status}"}})"), "suites/t.json", table());
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[1].info.id, "HDR-Ssp-From");
  EXPECT_EQ(columns[1].info.title, "Without Ssp-From");
  EXPECT_EQ(columns[1].steps[0].request["remove_headers"][0], "Ssp-From");
  EXPECT_EQ(columns[1].steps[0].expect["status"], 401);  // a number, not "401"
  auto rows = parseSuite(suiteWith(R"({"id": "R-{n}", "title": "t", "requirement": "r",
      "examples": [{"n": "a", "s": [200, 201]}, {"n": "b", "s": 404}], "expect": {"status": "{s}"}})"), "suites/t.json", table());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].steps[0].expect["status"], nlohmann::json({200, 201}));
  EXPECT_EQ(rows[1].info.id, "R-b");
}

TEST(SuiteLoader, ExampleErrorsNameTheRow) {
  EXPECT_EQ(loadError(suiteWith(R"({"id": "R-{n}", "title": "t", "requirement": "r",
      "examples": [{"n": "a", "s": 200}, {"n": "b", "s": "x"}], "expect": {"status": "{s}"}})")),
            "suites/t.json: /cases/0/expect/status: expected an integer 100-599, a list of them, {\"not\": n} or "
            "{\"range\": [low, high]} (examples row 2)");
  EXPECT_EQ(loadError(suiteWith(R"({"id": "R-{n}", "title": "t", "requirement": "r", "examples": {"n": [1, 2], "m": [1]}, "expect": {"status": 200}})")),
            "suites/t.json: /cases/0/examples/n: column has 2 values, the others have 1");
}

TEST(SuiteLoader, DefaultsMergeUnderTheCase) {
  auto cases = parseSuite(std::string("{") + kHead + R"("tags": ["suite-tag"],
      "defaults": {"expect": {"status": 200, "headers": {"Cache-Control": {"contains": "no-store"}}}},
      "cases": [{"id": "A", "title": "t", "requirement": "r", "tags": ["x"], "expect": {"headers": {"ETag": {"present": true}}}},
                {"id": "B", "title": "t", "requirement": "r", "expect": {"status": 404}}]})", "suites/t.json", table());
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].steps[0].expect["status"], 200);
  EXPECT_TRUE(cases[0].steps[0].expect["headers"].contains("Cache-Control"));
  EXPECT_TRUE(cases[0].steps[0].expect["headers"].contains("ETag"));
  EXPECT_EQ(cases[1].steps[0].expect["status"], 404);
  EXPECT_EQ(cases[0].info.tags, (std::vector<std::string>{"suite-tag", "x"}));
  EXPECT_EQ(cases[0].info.suiteId, "t.s");
  EXPECT_EQ(cases[0].steps[0].interaction.name, "read:metadata");
}

TEST(SuiteLoader, StepsAndCaptures) {
  auto cases = parseSuite(suiteWith(R"({"id": "S", "title": "t", "requirement": "r", "steps": [
      {"name": "find", "interaction": "search:patient", "request": {"query": [["identifier", "x"]]}, "expect": {"status": 200},
       "capture": {"pid": "/entry/0/resource/id", "fp": {"fhirpath": "Bundle.id"}}},
      {"name": "read", "interaction": "read:patient", "request": {"path_params": {"id": "{capture.pid}"}}, "expect": {"status": 200}}]})"),
      "suites/t.json", table());
  ASSERT_EQ(cases[0].steps.size(), 2u);
  EXPECT_EQ(cases[0].steps[0].captures.size(), 2u);
  EXPECT_EQ(cases[0].steps[1].interaction.name, "read:patient");
  EXPECT_EQ(loadError(suiteWith(R"({"id": "S", "title": "t", "requirement": "r", "steps": [{"name": "a", "expect": {"status": 200}}, {"name": "a", "expect": {"status": 200}}]})")),
            "suites/t.json: /cases/0/steps/1/name: duplicate step name \"a\"");
  EXPECT_EQ(loadError(suiteWith(R"({"id": "S", "title": "t", "requirement": "r", "request": {}})")),
            "suites/t.json: /cases/0: a step needs at least one expectation (\"expect\") or \"capture\"");
}

TEST(SuiteLoader, UnknownNamedCheck) {
  EXPECT_EQ(loadError(suiteWith(R"({"id": "A", "title": "t", "requirement": "r", "expect": {"checks": ["bundle-id-is-traceid"]}})")),
            "suites/t.json: /cases/0/expect/checks/0: unknown check \"bundle-id-is-traceid\" (did you mean \"bundle-id-is-trace-id\"?)");
}

TEST(SuiteLoader, LoadsADirectoryTree) {
  namespace fs = std::filesystem;
  auto root = fs::temp_directory_path() / ("gpc-suites-" + std::to_string(::getpid())) / "suites";
  fs::create_directories(root / "foundations");
  fs::copy_file(fs::path(GPC_SOURCE_DIR) / "suites" / "interactions.json", root / "interactions.json",
                fs::copy_options::overwrite_existing);
  {
    std::ofstream(root / "foundations" / "a.json") << suiteWith(R"({"id": "A1", "title": "t", "requirement": "r", "expect": {"status": 200}})");
    std::ofstream(root / "foundations" / "b.json")
        << R"({"suite": "t.b", "capability": "foundations", "spec": "1.6.2", "interaction": "read:metadata", "cases": [{"id": "A1", "title": "t", "requirement": "r", "expect": {"status": 200}}]})";
  }
  try {
    loadSuites(root);
    FAIL() << "duplicate id across files not reported";
  } catch (const LoadError& e) {
    EXPECT_STREQ(e.what(), "suites/foundations/b.json: /cases/0/id: duplicate case id \"A1\" (also suites/foundations/a.json: /cases/0)");
  }
  fs::remove(root / "foundations" / "b.json");
  auto set = loadSuites(root);
  ASSERT_EQ(set.cases.size(), 1u);
  EXPECT_EQ(set.cases[0].info.suiteFile, "suites/foundations/a.json");

  std::ofstream(root / "foundations" / "c.json")
      << R"({"suite": "t.c", "capability": "structured", "spec": "1.6.2", "interaction": "gpc.getstructuredrecord", "cases": [{"id": "C1", "title": "t", "requirement": "r", "request": {"body": {"fixture": "bodies/none.json"}}, "expect": {"status": 200}}]})";
  try {
    loadSuites(root);
    FAIL() << "missing fixture not reported";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), "suites/foundations/c.json: /cases/0/request/body/fixture: body fixture not found: " +
                                         (root.parent_path() / "fixtures" / "bodies" / "none.json").string());
  }
  fs::remove_all(root.parent_path());
}

}  // namespace
}  // namespace gpc
