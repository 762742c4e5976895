#pragma once
// A throw-away workspace for CLI tests: a tiny suites root (the project's interactions table
// plus small suites written here), a target file, a report directory, and a loopback
// provider stand-in whose /metadata answer the test chooses.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"

namespace gpc::testing {

class CliWorkspace {
 public:
  CliWorkspace();  // creates a fresh directory under the system temp dir
  ~CliWorkspace();  // removes it

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path suites() const { return root_ / "suites"; }
  std::filesystem::path reports() const { return root_ / "reports"; }

  // Writes suites/<name> (relative) with the given JSON text.
  void writeSuite(const std::string& name, const std::string& json) const;
  // The three-case tiny suites (tiny.a: TINY-A-001 [x], TINY-A-002 [y]; tiny.b: TINY-B-001 [x, slow]).
  void writeTinySuites() const;
  // Writes a target file whose foundations endpoint is `foundationsUrl`; returns its path.
  std::filesystem::path writeTarget(const std::string& foundationsUrl, const std::string& extra = "") const;
  void write(const std::filesystem::path& relative, const std::string& text) const;

 private:
  std::filesystem::path root_;
};

// Answers GET <base>/metadata with `status` (no-store, a small CapabilityStatement) and
// records the paths it was asked for.
class FakeProvider {
 public:
  explicit FakeProvider(int status);
  ~FakeProvider();
  std::string root() const;  // http://127.0.0.1:PORT
  std::string foundations() const { return root() + "/B82617/STU3/1/gpconnect"; }
  std::vector<std::string> paths() const;

 private:
  httplib::Server server_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<std::string> paths_;
  std::thread thread_;
};

std::string gpcAssureExe();

// The whole of a file the binary wrote (a report), "" when it cannot be read.
std::string readText(const std::filesystem::path& file);
// A JSON file the binary wrote (report.json, load.json); throws when it does not parse.
nlohmann::json readJson(const std::filesystem::path& file);

// The real binary with `args`, NO_COLOR set.
ProcessResult gpcAssure(std::vector<std::string> args);

}  // namespace gpc::testing
