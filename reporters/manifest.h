#pragma once
// The signed manifest of a report set (docs/reports.md, Signed reports): manifest.json lists the
// SHA-256 of every report file with what the run was (seed, selection, target, tool version,
// suite-set digest, start and end), and manifest.sig signs exactly the bytes of manifest.json.
// Anyone who edits a report must then also edit the manifest, which breaks the signature.

#include <filesystem>
#include <string>
#include <vector>

#include "reporters/signing.h"
#include "runner/core/model.h"

namespace gpc::reporters {

inline constexpr const char* kManifestFile = "manifest.json";
inline constexpr const char* kSignatureFile = "manifest.sig";

// A report file as the manifest names it: relative to the manifest's folder.
struct ManifestEntry {
  std::string path;
  std::string sha256;
  std::uint64_t bytes = 0;
};

// The canonical text of the manifest (two-space JSON, keys in a fixed order, final newline).
std::string renderManifest(const RunResult& result, const std::string& suitesSha256,
                           const std::vector<ManifestEntry>& files, const SignerDescription& signer);

// Reads each of `files` (as written by the run's other reporters), writes DIR/manifest.json
// and DIR/manifest.sig. Throws ReportWriteError when a report is missing or a file cannot be
// written. Returns the manifest's SHA-256.
std::string writeSignedManifest(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& files,
                                const RunResult& result, const std::string& suitesSha256, const ManifestSigner& signer);

struct ReportCheck {
  bool intact = false;
  std::string message;  // the first problem found, or what was checked
};

// Checks DIR/manifest.sig over DIR/manifest.json with the trusted key, then every file the
// manifest lists, in its order: the first missing or altered one is named.
ReportCheck verifyReportDirectory(const std::filesystem::path& dir, const SignatureVerifier& trusted);

}  // namespace gpc::reporters
