// The layout of suites/ (docs/suite-format.md, Files): every suite file sits directly in the
// folder of the capability it names, so a capability's cases, its format and error cases
// included, are found in one place, and the folder, the reports' capability and the JUnit
// package (gpc.<capability>) agree.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "runner/suite/suite_loader.h"

namespace fs = std::filesystem;

namespace {

TEST(SuiteLayout, EverySuiteFileIsInTheFolderOfItsCapability) {
  const auto set = gpc::loadSuites(fs::path(GPC_SOURCE_DIR) / "suites");
  std::map<std::string, std::string> capabilityByFile;
  for (const auto& c : set.cases) capabilityByFile[c.info.suiteFile] = c.info.capability;
  ASSERT_FALSE(capabilityByFile.empty());
  for (const auto& [file, capability] : capabilityByFile) {
    const auto relative = fs::path(file).lexically_relative("suites");  // <folder>/<name>.json
    EXPECT_EQ(std::distance(relative.begin(), relative.end()), 2) << file << ": one folder deep";
    EXPECT_EQ(relative.begin()->string(), capability) << file;
  }
}

}  // namespace
