// Every field of a suite, given every wrong JSON type, must come out as a LoadError naming the
// file — never a bare nlohmann exception (which names neither file nor place).

#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "runner/suite/suite_loader.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

// A suite using (nearly) every field of docs/suite-format.md, in both example forms.
const char* kRichSuite = R"json({
  "suite": "t.rich", "title": "rich", "capability": "foundations", "spec": "1.6.2",
  "interaction": "read:patient", "tags": ["a"], "variables": {"pid": "1", "n": 2},
  "defaults": {"request": {"accept": "application/fhir+json"},
               "expect": {"headers": {"Cache-Control": {"contains": "no-store"}}}},
  "cases": [
    {"id": "ROWS-{h}", "title": "t {h}", "requirement": "r", "official": ["o"], "note": "n", "tags": ["b"],
     "examples": [{"h": "Ssp-From", "s": 400}, {"h": "Ssp-To", "s": 401}],
     "request": {"path_params": {"id": "{pid}"}, "headers": {"{h}": null}, "remove_headers": ["X"],
                 "add_headers": [["A", "b"]], "query": [["q", "v"], ["n", 1]], "raw_query": "a=b",
                 "interaction_id": "urn:x", "method": "GET", "content_type": null,
                 "jwt": {"set": {"x": 1}, "remove": ["iss"], "iat_offset": 1, "exp_offset": 2, "scope": "s",
                         "encoding": "plain", "trailing_dot": false, "header": {"alg": "none"}}},
     "expect": {"status": "{s}", "headers": {"X": [{"present": true}, {"matches": "^a"}, {"count": 1}]},
                "content_type": "json", "body": "fhir", "resource": {"type": "Patient", "profile": "p"},
                "operation_outcome": {"code": "BAD_REQUEST", "issue_code": "invalid", "severity": "error", "display": "d"},
                "assert": [{"pointer": "/id", "equals": "1", "message": "m"}, {"fhirpath": "id", "count": 1}],
                "fhirpath": ["id.exists()"], "validate": {"profile": "p"},
                "checks": ["bundle-id-is-trace-id", {"name": "max-ms", "args": {"ms": 10}}], "max_ms": 3000}},
    {"id": "COLS-{n}", "title": "t", "requirement": "r", "examples": {"n": ["a", "b"]},
     "request": {"path_params": {"id": "1"}, "body": {"json": {"resourceType": "Parameters"}, "format": "xml"}},
     "expect": {"status": [200, 201], "no_response": true}},
    {"id": "STEPS", "title": "t", "requirement": "r", "skip": "why",
     "steps": [{"name": "one", "interaction": "search:patient",
                "request": {"query": [["identifier", "x"]], "body": {"raw": "x"}},
                "capture": {"id": "/entry/0/resource/id", "fp": {"fhirpath": "Bundle.id"}}},
               {"name": "two", "request": {"path_params": {"id": "{capture.id}"}, "jwt": {"none": true}},
                "expect": {"status": {"range": [200, 299]}}},
               {"name": "three", "request": {"url": "http://x/{capture.fp}", "jwt": {"raw": "t"}},
                "expect": {"status": {"not": 500}, "validate": true}}]}
  ]
})json";

// Calls visit(pointer) for every value in the document.
void eachPointer(const nlohmann::json& v, const std::string& ptr, const std::function<void(const std::string&)>& visit) {
  visit(ptr);
  if (v.is_object())
    for (const auto& [k, child] : v.items()) eachPointer(child, ptr + "/" + k, visit);
  else if (v.is_array())
    for (std::size_t i = 0; i < v.size(); ++i) eachPointer(v[i], ptr + "/" + std::to_string(i), visit);
}

TEST(SuiteLoaderTypes, TheRichSuiteLoads) {
  const auto table = testing::projectInteractions();
  auto cases = parseSuite(kRichSuite, "suites/t.json", table);
  EXPECT_EQ(cases.size(), 5u);
}

TEST(SuiteLoaderTypes, EveryWrongTypeInEveryFieldIsALoadErrorNamingTheFile) {
  const auto table = testing::projectInteractions();
  const auto base = nlohmann::json::parse(kRichSuite);
  // One of each JSON type (a negative integer and an unknown variable as the awkward cases).
  const std::vector<nlohmann::json> wrongs = {nullptr, true, -1, 1.5, "{nope}", nlohmann::json::array(), {{"x", 1}}};
  int tried = 0;
  eachPointer(base, "", [&](const std::string& ptr) {
    if (ptr.empty()) return;
    for (const auto& wrong : wrongs) {
      auto doc = base;
      doc[nlohmann::json::json_pointer(ptr)] = wrong;
      ++tried;
      try {
        parseSuite(doc.dump(), "suites/t.json", table);
      } catch (const LoadError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("suites/t.json: ", 0), 0u) << ptr << " = " << wrong.dump();
      } catch (const std::exception& e) {
        ADD_FAILURE() << ptr << " = " << wrong.dump() << ": not a LoadError: " << e.what();
      }
    }
  });
  EXPECT_GT(tried, 700);
}

}  // namespace
}  // namespace gpc

namespace gpc {
namespace {

TEST(SuiteFiles, ReservedNamesAreNotSuites) {
  EXPECT_TRUE(isSuiteFileName("foundations/patient-read.json"));
  EXPECT_TRUE(isSuiteFileName("metadata.json"));
  EXPECT_TRUE(isSuiteFileName("foundations/meta/x.json"));  // only a top-level meta/ is reserved
  EXPECT_FALSE(isSuiteFileName("interactions.json"));
  EXPECT_FALSE(isSuiteFileName("official-not-applicable.reasons"));
  EXPECT_FALSE(isSuiteFileName("official-not-applicable.reasons.json"));
  EXPECT_FALSE(isSuiteFileName("documents/coverage.meta.json"));
  EXPECT_FALSE(isSuiteFileName("meta/anything.json"));
}

class SuiteDirectory : public ::testing::Test {
 protected:
  std::filesystem::path root = std::filesystem::temp_directory_path() / ("gpc-suites-" + std::to_string(::getpid()));
  void SetUp() override {
    std::filesystem::create_directories(root / "suites" / "meta");
    std::filesystem::copy_file(std::filesystem::path(GPC_SOURCE_DIR) / "suites" / "interactions.json",
                               root / "suites" / "interactions.json");
    write("suites/a.json", R"({"suite": "t.a", "capability": "http", "spec": "1.6.2", "interaction": "read:metadata",
        "cases": [{"id": "A", "title": "t", "requirement": "r", "expect": {"status": 200}}]})");
    write("suites/x.reasons.json", R"({"reasons": ["not a suite"]})");
    write("suites/meta/notes.json", R"([1, 2, 3])");
  }
  void TearDown() override { std::filesystem::remove_all(root); }
  void write(const std::string& rel, const std::string& text) { std::ofstream(root / rel) << text; }
};

TEST_F(SuiteDirectory, SkipsReservedFilesButNotTypos) {
  EXPECT_EQ(loadSuites(root / "suites").cases.size(), 1u);
  write("suites/b.json", R"({"siute": "t.b"})");  // a typo must not pass silently
  try {
    loadSuites(root / "suites");
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), "suites/b.json: /siute: unknown key (did you mean \"suite\"?)");
  }
}

}  // namespace
}  // namespace gpc
