#pragma once
// `run`'s assurance options (docs/cli.md): signing the report set, waivers. Kept out of
// run_command so the run's own options stay about running.

#include <filesystem>
#include <optional>
#include <string>

#include "reporters/reporters.h"
#include "runner/core/model.h"
#include "runner/cli/data_location.h"

namespace CLI {
class App;
}

namespace gpc::cli {

struct AssuranceArgs {
  std::optional<std::string> signKey;   // PEM private key: write and sign manifest.json
  std::optional<std::string> signCert;  // PEM certificate for it: the signature is CMS
  std::optional<std::string> waivers;   // waiver file: accepted failures become `waived`
  std::optional<std::string> baseline;  // an earlier report.json (or its folder) to compare with
};

// What the assurance options do to a run's results, loaded before anything is sent.
struct RunAssurance {
  std::string waiversFile;
  std::vector<Waiver> waivers;
  std::string today;  // the day waiver expiry is judged by (UTC)
  std::optional<BaselineRun> baseline;

  // Fills the RunInfo fields the reports show (the waiver file and its entries, the baseline).
  void describe(RunInfo& info) const;
  // Applied to every case as it finishes, before any reporter sees it.
  void annotate(CaseResult& result) const;
  // Warnings to print after the run (waivers that waived nothing).
  std::vector<std::string> warnings(const RunResult& result) const;
};

// Throws LoadError for a bad waiver file (file, JSON pointer, reason), JsonReportError for a
// baseline that cannot be read (its path first).
RunAssurance loadRunAssurance(const AssuranceArgs& args);

void addAssuranceOptions(CLI::App& run, AssuranceArgs& args);

// What the reporters need, loaded before anything is sent so that a bad key is exit 2, not a
// run without its signature. Throws std::runtime_error naming the option and file.
reporters::SharedAssuranceInputs loadAssuranceInputs(const AssuranceArgs& args, const DataDirs& dirs,
                                                     const std::filesystem::path& manifestDir);

// SHA-256 over every suite file under `suitesRoot` (relative path and content, in path order):
// which suite set a run used, whatever machine it ran on.
std::string suiteSetSha256(const std::filesystem::path& suitesRoot);

}  // namespace gpc::cli
