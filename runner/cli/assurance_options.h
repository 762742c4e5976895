#pragma once
// `run`'s assurance options (docs/cli.md): signing the report set. Kept out of run_command so
// the run's own options stay about running.

#include <optional>
#include <string>

#include "reporters/reporters.h"
#include "runner/cli/data_location.h"

namespace CLI {
class App;
}

namespace gpc::cli {

struct AssuranceArgs {
  std::optional<std::string> signKey;   // PEM private key: write and sign manifest.json
  std::optional<std::string> signCert;  // PEM certificate for it: the signature is CMS
};

void addAssuranceOptions(CLI::App& run, AssuranceArgs& args);

// What the reporters need, loaded before anything is sent so that a bad key is exit 2, not a
// run without its signature. Throws std::runtime_error naming the option and file.
reporters::SharedAssuranceInputs loadAssuranceInputs(const AssuranceArgs& args, const DataDirs& dirs,
                                                     const reporters::ReportPaths& paths);

// SHA-256 over every suite file under `suitesRoot` (relative path and content, in path order):
// which suite set a run used, whatever machine it ran on.
std::string suiteSetSha256(const std::filesystem::path& suitesRoot);

}  // namespace gpc::cli
