#include "gpc/build_paths.h"
#include "runner/cli/data_location.h"

#include <gtest/gtest.h>

#include "cli_workspace.h"

namespace gpc::cli {
namespace {

namespace fs = std::filesystem;
using gpc::testing::CliWorkspace;

TEST(DataLocation, SuitesDirFlagWinsForSuitesOnly) {
  CliWorkspace home, other;
  DataLookup lookup;
  lookup.assureHomeEnv = home.root().string();
  lookup.suitesDirFlag = other.suites();
  const DataDirs dirs = locateData(lookup);
  EXPECT_EQ(dirs.suites, other.suites());
  EXPECT_EQ(dirs.fixtures, home.root() / "fixtures");
  EXPECT_EQ(dirs.foundBy, "GPC_ASSURE_HOME");
}

TEST(DataLocation, EnvironmentComesBeforeTheExecutableAndBuiltIns) {
  CliWorkspace home, beside;
  DataLookup lookup;
  lookup.assureHomeEnv = home.root().string();
  lookup.executable = beside.root() / "build" / "gpc-assure";
  lookup.builtIn = {GPC_SOURCE_DIR};
  EXPECT_EQ(locateData(lookup).home, home.root());
}

TEST(DataLocation, AMissingHomeFromTheEnvironmentIsAnError) {
  DataLookup lookup;
  lookup.assureHomeEnv = "/no/such/gpc-home";
  try {
    locateData(lookup);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("GPC_ASSURE_HOME=/no/such/gpc-home"), std::string::npos) << e.what();
  }
}

TEST(DataLocation, TheDirectoryAboveTheExecutableComesBeforeBuiltIns) {
  CliWorkspace beside;
  DataLookup lookup;
  lookup.executable = beside.root() / "build" / "gpc-assure";
  lookup.builtIn = {GPC_SOURCE_DIR};
  EXPECT_EQ(locateData(lookup).home, beside.root());
}

TEST(DataLocation, AnInstalledShareDirectoryBesideTheExecutableIsFound) {
  CliWorkspace prefix;
  fs::create_directories(prefix.root() / "share" / "gpc-assure" / "suites");
  DataLookup lookup;
  lookup.executable = prefix.root() / "bin" / "gpc-assure";
  fs::remove_all(prefix.root() / "suites");
  lookup.builtIn = {GPC_SOURCE_DIR};
  EXPECT_EQ(locateData(lookup).home, prefix.root() / "share" / "gpc-assure");
}

TEST(DataLocation, FallsBackToTheBuiltInDirectories) {
  DataLookup lookup;
  lookup.executable = "/nonexistent/bin/gpc-assure";
  lookup.builtIn = {"/nonexistent/share", GPC_SOURCE_DIR};
  EXPECT_EQ(locateData(lookup).home, fs::path(GPC_SOURCE_DIR));
}

TEST(DataLocation, NothingFoundNamesWhatWasTried) {
  DataLookup lookup;
  lookup.executable = "/nonexistent/bin/gpc-assure";
  lookup.builtIn = {"/nonexistent/share"};
  try {
    locateData(lookup);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/share"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("GPC_ASSURE_HOME"), std::string::npos) << e.what();
  }
}

TEST(DataLocation, ASuitesDirThatIsNotThereIsAnError) {
  DataLookup lookup;
  lookup.builtIn = {GPC_SOURCE_DIR};
  lookup.suitesDirFlag = "/no/such/suites";
  EXPECT_THROW(locateData(lookup), std::runtime_error);
}

}  // namespace
}  // namespace gpc::cli
