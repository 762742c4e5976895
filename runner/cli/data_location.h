#pragma once
// Where suites/, fixtures/ and profiles/ are found. In order: --suites-dir (suites only),
// $GPC_ASSURE_HOME, the directory above the executable's when it holds suites/ (a build tree
// at the top of the source tree), <exe dir>/../share/gpc-assure (a relocated install), the
// source tree the binary was built from, the configured install prefix's share/gpc-assure.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gpc::cli {

struct DataDirs {
  std::filesystem::path home;      // the directory the data came from
  std::filesystem::path suites;    // --suites-dir, else home/suites
  std::filesystem::path fixtures;  // home/fixtures
  std::filesystem::path profiles;  // home/profiles
  std::string foundBy;             // which rule chose `home` (for --verbose style messages)
};

// What the lookup depends on, so tests can steer it without touching the process.
struct DataLookup {
  std::optional<std::filesystem::path> suitesDirFlag;
  std::optional<std::string> assureHomeEnv;   // $GPC_ASSURE_HOME
  std::filesystem::path executable;           // /proc/self/exe
  std::vector<std::filesystem::path> builtIn;  // source dir, install share dir
};

// The lookup for this process (environment, /proc/self/exe, compile-time directories).
DataLookup processDataLookup(std::optional<std::filesystem::path> suitesDirFlag);

// Throws std::runtime_error naming what was tried when no candidate holds suites/ (or when
// GPC_ASSURE_HOME or --suites-dir name a directory that is not there).
DataDirs locateData(const DataLookup& lookup);

}  // namespace gpc::cli
