#include "runner/cli/assurance_options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "reporters/digest.h"

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
                                                     const reporters::ReportPaths& paths) {
  auto inputs = std::make_shared<reporters::AssuranceInputs>();
  if (args.signKey) {
    try {
      inputs->signer = std::make_shared<reporters::ManifestSigner>(*args.signKey, args.signCert.value_or(""));
    } catch (const reporters::SigningError& e) {
      throw std::runtime_error(std::string(args.signCert ? "--sign-key/--sign-cert " : "--sign-key ") + e.what());
    }
    // Beside report.json: the folder of --out, or of --json when that was given.
    inputs->manifestDir = paths.json.parent_path().empty() ? fs::path(".") : paths.json.parent_path();
    inputs->suitesSha256 = suiteSetSha256(dirs.suites);
  }
  return inputs;
}

}  // namespace gpc::cli
