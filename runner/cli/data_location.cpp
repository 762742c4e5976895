#include "runner/cli/data_location.h"

#include "gpc/build_paths.h"

#include <cstdlib>
#include <stdexcept>
#include <system_error>

namespace gpc::cli {

namespace fs = std::filesystem;

namespace {
bool holdsSuites(const fs::path& home) {
  std::error_code ec;
  return fs::is_directory(home / "suites", ec);
}

DataDirs fromHome(const fs::path& home, std::string foundBy) {
  return {home, home / "suites", home / "fixtures", home / "profiles", std::move(foundBy)};
}
}  // namespace

DataLookup processDataLookup(std::optional<fs::path> suitesDirFlag) {
  DataLookup lookup;
  lookup.suitesDirFlag = std::move(suitesDirFlag);
  if (const char* home = std::getenv("GPC_ASSURE_HOME"); home && *home) lookup.assureHomeEnv = home;
  std::error_code ec;
  lookup.executable = fs::read_symlink("/proc/self/exe", ec);
#ifdef GPC_SOURCE_DIR
  lookup.builtIn.emplace_back(GPC_SOURCE_DIR);
#endif
#ifdef GPC_INSTALL_DATADIR
  lookup.builtIn.emplace_back(GPC_INSTALL_DATADIR);
#endif
  return lookup;
}

DataDirs locateData(const DataLookup& lookup) {
  DataDirs dirs;
  std::string tried;
  if (lookup.assureHomeEnv) {
    const fs::path home(*lookup.assureHomeEnv);
    if (!holdsSuites(home) && !lookup.suitesDirFlag)
      throw std::runtime_error("GPC_ASSURE_HOME=" + home.string() + " has no suites/ directory");
    dirs = fromHome(home, "GPC_ASSURE_HOME");
  } else {
    std::vector<std::pair<fs::path, std::string>> candidates;
    if (!lookup.executable.empty()) {
      const fs::path exeDir = lookup.executable.parent_path();
      candidates.emplace_back(exeDir.parent_path(), "the directory above the executable");
      candidates.emplace_back(exeDir.parent_path() / "share" / "gpc-assure", "the installation beside the executable");
    }
    for (const auto& dir : lookup.builtIn) candidates.emplace_back(dir, "the built-in data directory");
    bool found = false;
    for (const auto& [home, rule] : candidates) {
      if (holdsSuites(home)) {
        dirs = fromHome(home, rule);
        found = true;
        break;
      }
      tried += (tried.empty() ? "" : ", ") + home.string();
    }
    if (!found && !lookup.suitesDirFlag)
      throw std::runtime_error("cannot find the gpc-assure data (suites/, fixtures/, profiles/); tried " + tried +
                               "; set GPC_ASSURE_HOME or pass --suites-dir");
    if (!found && !candidates.empty()) dirs = fromHome(candidates.front().first, "none (only --suites-dir)");
  }
  if (lookup.suitesDirFlag) {
    std::error_code ec;
    if (!fs::is_directory(*lookup.suitesDirFlag, ec))
      throw std::runtime_error("--suites-dir " + lookup.suitesDirFlag->string() + ": not a directory");
    dirs.suites = *lookup.suitesDirFlag;
  }
  return dirs;
}

}  // namespace gpc::cli
