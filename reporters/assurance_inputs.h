#pragma once
// What a run brings to its reports besides the results: the signer of the manifest, and the
// inputs of the assurance sections (docs/reports.md). Made by the CLI before the run, read by
// the reporters of that run.

#include <filesystem>
#include <memory>
#include <string>

#include "reporters/signing.h"

namespace gpc::reporters {

struct AssuranceInputs {
  // Signs DIR/manifest.json after the other reports are written (run --sign-key); null: no manifest.
  std::shared_ptr<const ManifestSigner> signer;
  std::filesystem::path manifestDir;  // where manifest.json and manifest.sig go
  std::string suitesSha256;           // digest of the suite set the run loaded
};

using SharedAssuranceInputs = std::shared_ptr<const AssuranceInputs>;

}  // namespace gpc::reporters
