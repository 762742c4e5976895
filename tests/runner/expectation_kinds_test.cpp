// The table of expectation kinds against what reads it and what describes it: the loader allows
// exactly its keys, runExpectations reports in its order, and docs/suite-format.md's Expect
// table documents every row (so a new kind cannot be shipped undocumented).
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "runner/checks/expectation_kinds.h"
#include "runner/core/load_error.h"
#include "runner/suite/step_validation.h"
#include "tests/runner/fakes.h"

namespace gpc::checks {
namespace {

using nlohmann::json;

// The `key` of every "| `key` | ..." row of the "## Expect" section.
std::set<std::string> documentedKeys() {
  std::ifstream in(std::string(GPC_SOURCE_DIR) + "/docs/suite-format.md");
  std::set<std::string> keys;
  bool inExpect = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) inExpect = line == "## Expect";
    if (!inExpect || line.rfind("| `", 0) != 0) continue;
    const auto end = line.find('`', 3);
    if (end != std::string::npos) keys.insert(line.substr(3, end - 3));
  }
  return keys;
}

TEST(ExpectationKinds, EveryRowIsDocumentedAndEveryDocumentedKeyIsARow) {
  const auto keys = expectationKeys();
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()), documentedKeys());
  EXPECT_EQ(keys.size(), std::set<std::string>(keys.begin(), keys.end()).size()) << "a key twice in the table";
}

TEST(ExpectationKinds, TheLoaderAllowsTheTableKeysAndNoOther) {
  EXPECT_NO_THROW(validateExpect(json::parse(R"({"status": 200, "max_ms": 5})"), "s.json", "/expect"));
  try {
    validateExpect(json::parse(R"({"max_mss": 5})"), "s.json", "/expect");
    FAIL() << "an unknown key was accepted";
  } catch (const LoadError& e) {
    EXPECT_STREQ(e.what(), "s.json: /expect/max_mss: unknown key (did you mean \"max_ms\"?)");
  }
}

TEST(ExpectationKinds, ResultsComeInTableOrderWhateverTheOrderOfTheSuiteKeys) {
  HttpRequest request;
  const HttpResponse response = testing::jsonResponse(200, json::parse(R"({"resourceType": "Patient"})"));
  testing::FakeFhirServices fhir;
  const auto view = makeResponseView(request, response, FhirVersion::STU3, fhir);
  // nlohmann::json keeps object keys sorted, so the table, not the suite text, must give the order.
  const auto results = runExpectations(json::parse(R"({"max_ms": 60000, "body": "fhir", "status": 200})"), view, fhir, {});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].kind, "status");
  EXPECT_EQ(results[1].kind, "body");
  EXPECT_EQ(results[2].kind, "max_ms");
}

}  // namespace
}  // namespace gpc::checks
