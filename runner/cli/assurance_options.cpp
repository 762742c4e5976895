#include "runner/cli/assurance_options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "reporters/baseline_changes.h"
#include "reporters/digest.h"
#include "reporters/report_reading.h"
#include "runner/assure/waivers.h"

namespace gpc::cli {

namespace fs = std::filesystem;

void addAssuranceOptions(CLI::App& run, AssuranceArgs& args) {
  auto* key = run.add_option("--sign-key", args.signKey,
                             "Write manifest.json (SHA-256 of every report file) and sign it into manifest.sig with this "
                             "PEM private key (Ed25519 or ECDSA P-256)")
                  ->check(CLI::ExistingFile);
  run.add_option("--sign-cert", args.signCert, "PEM certificate of the --sign-key key: the signature is then detached CMS")
      ->check(CLI::ExistingFile)
      ->needs(key);
  run.add_option("--waivers", args.waivers,
                 "Waiver file (JSON): failures of the cases it names are reported as waived until each waiver's "
                 "expiry date (docs/reports.md, Waivers)");
  run.add_option("--baseline", args.baseline,
                 "An earlier run's report.json (or its folder): every case is marked new, fixed, regressed, still "
                 "failing or unchanged in the console, JSON and HTML reports");
}

RunAssurance loadRunAssurance(const AssuranceArgs& args) {
  RunAssurance out;
  if (args.waivers) {
    out.waiversFile = *args.waivers;
    out.waivers = assure::loadWaivers(*args.waivers);
  }
  out.today = assure::todayUtc();
  if (args.baseline) {
    const reporters::ReadReport old = reporters::readJsonReport(*args.baseline);
    out.baseline = reporters::baselineFrom(old.run, old.path, old.sha256);
  }
  return out;
}

void RunAssurance::describe(RunInfo& info) const {
  info.waiversFile = waiversFile;
  info.waivers = waivers;
  info.baseline = baseline;
}

void RunAssurance::annotate(CaseResult& result) const { assure::applyWaivers(result, waivers, today); }

std::vector<std::string> RunAssurance::warnings(const RunResult& result) const {
  std::vector<std::string> out;
  for (auto& w : assure::unusedWaiverWarnings(waivers, result.cases)) out.push_back(waiversFile + ": " + w);
  return out;
}

std::string suiteSetSha256(const fs::path& suitesRoot) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(suitesRoot))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::string listing;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    listing += reporters::sha256Hex(bytes.str()) + "  " + fs::relative(file, suitesRoot).generic_string() + "\n";
  }
  return reporters::sha256Hex(listing);
}

reporters::SharedAssuranceInputs loadAssuranceInputs(const AssuranceArgs& args, const DataDirs& dirs,
                                                     const fs::path& manifestDir) {
  auto inputs = std::make_shared<reporters::AssuranceInputs>();
  if (args.signKey) {
    try {
      inputs->signer = std::make_shared<reporters::ManifestSigner>(*args.signKey, args.signCert.value_or(""));
    } catch (const reporters::SigningError& e) {
      throw std::runtime_error(std::string(args.signCert ? "--sign-key/--sign-cert " : "--sign-key ") + e.what());
    }
    inputs->manifestDir = manifestDir;
    inputs->suitesSha256 = suiteSetSha256(dirs.suites);
  }
  return inputs;
}

}  // namespace gpc::cli
