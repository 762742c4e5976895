// Every official example and corpus record validates against the official definitions with no
// errors other than the genuine findings pinned in data/official_findings.tsv (explained in
// docs/validation-findings.md). The project's profiles/ gives the same verdicts.
//
// Regenerate the pinned list after a deliberate change: GPC_UPDATE_FINDINGS=1 test_fhir
// --gtest_filter=OfficialSamples.*, then review the diff and the findings document.

#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "tests/fhir/shared_fixtures.h"

namespace gpc::fhir::testing {
namespace {

const std::filesystem::path kFindings = std::filesystem::path(GPC_SOURCE_DIR) / "tests/fhir/data/official_findings.tsv";

// "file<TAB>location<TAB>message" for every error, files relative to ../shared.
std::set<std::string> errorLines(const Validator& validator) {
  std::set<std::string> lines;
  for (const auto& file : stu3JsonSamples()) {
    const auto json = readJson(file);
    if (json.is_discarded() || !json.is_object() || !json.contains("resourceType")) continue;
    const auto rel = std::filesystem::relative(file, sharedDir()).string();
    for (const auto& issue : errorsOf(validator.validate(json))) {
      lines.insert(rel + "\t" + issue.location + "\t" + issue.message);
    }
  }
  return lines;
}

TEST(OfficialSamples, OnlyDocumentedFindingsAgainstOfficialProfiles) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no official examples or profiles";
  const auto actual = errorLines(Validator(officialRegistry()));
  if (std::getenv("GPC_UPDATE_FINDINGS") != nullptr) {
    std::ofstream out(kFindings);
    for (const auto& line : actual) out << line << "\n";
  }
  std::set<std::string> expected;
  std::ifstream in(kFindings);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) expected.insert(line);
  }
  for (const auto& line : actual) EXPECT_TRUE(expected.contains(line)) << "undocumented error: " << line;
  for (const auto& line : expected) EXPECT_TRUE(actual.contains(line)) << "documented finding no longer raised: " << line;
}

TEST(OfficialSamples, ProjectProfilesGiveTheSameVerdicts) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: nothing to compare profiles/ with";
  const auto official = errorLines(Validator(officialRegistry()));
  const auto project = errorLines(Validator(defaultRegistry()));
  for (const auto& line : official) EXPECT_TRUE(project.contains(line)) << "only official: " << line;
  for (const auto& line : project) EXPECT_TRUE(official.contains(line)) << "only profiles/: " << line;
}

TEST(OfficialSamples, ExamplesAreNotAllSkipped) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent";
  EXPECT_GT(stu3JsonSamples().size(), 50u);
}

}  // namespace
}  // namespace gpc::fhir::testing
