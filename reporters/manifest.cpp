#include "reporters/manifest.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "reporters/digest.h"
#include "reporters/report_file.h"
#include "reporters/reporters.h"
#include "reporters/shard_label.h"

namespace gpc::reporters {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

std::optional<std::string> readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A report's path as the manifest records it: relative to the manifest's folder when inside it
// (the usual --out DIR), else as an absolute path (a --junit FILE written elsewhere).
std::string manifestPath(const fs::path& dir, const fs::path& file) {
  const fs::path base = fs::weakly_canonical(fs::absolute(dir));
  const fs::path full = fs::weakly_canonical(fs::absolute(file));
  const fs::path relative = full.lexically_relative(base);
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return full.generic_string();
}

}  // namespace

std::string renderManifest(const RunResult& result, const std::string& suitesSha256,
                           const std::vector<ManifestEntry>& files, const SignerDescription& signer) {
  const RunInfo& info = result.info;
  ordered_json endpoints = ordered_json::object();
  for (const auto& [group, url] : info.endpoints) endpoints[group] = url;
  ordered_json listed = ordered_json::array();
  for (const auto& f : files) listed.push_back({{"path", f.path}, {"sha256", f.sha256}, {"bytes", f.bytes}});
  const ordered_json manifest = {
      {"manifest_version", "1.0"},
      {"tool_version", info.toolVersion},
      {"run",
       {{"seed", info.seed},
        {"filters", info.filters},
        {"jobs", info.jobs},
        {"faults", info.faults},
        {"started_at", info.startedAt},
        {"finished_at", result.finishedAt},
        {"shard", shardLabel(info.shard, result.summary.total)},
        {"summary",
         {{"total", result.summary.total},
          {"passed", result.summary.passed},
          {"failed", result.summary.failed},
          {"errored", result.summary.errored},
          {"skipped", result.summary.skipped},
          {"flaky", result.summary.flaky},
          {"waived", result.summary.waived}}}}},
      {"target", {{"name", info.targetName}, {"file", info.targetFile}, {"endpoints", endpoints}}},
      {"suites_sha256", suitesSha256},
      {"files", listed},
      {"signer",
       {{"algorithm", signer.algorithm},
        {"format", signer.format},
        {"key_sha256", signer.keySha256},
        {"certificate_subject", signer.certificateSubject}}}};
  return manifest.dump(2) + "\n";
}

std::string writeSignedManifest(const fs::path& dir, const std::vector<fs::path>& files, const RunResult& result,
                                const std::string& suitesSha256, const ManifestSigner& signer) {
  std::vector<ManifestEntry> entries;
  for (const auto& file : files) {
    const auto bytes = readBytes(file);
    if (!bytes) throw ReportWriteError("cannot write the manifest: report '" + file.string() + "' was not written", dir / kManifestFile);
    entries.push_back({manifestPath(dir, file), sha256Hex(*bytes), bytes->size()});
  }
  const std::string manifest = renderManifest(result, suitesSha256, entries, signer.description());
  std::string signature;
  try {
    signature = signer.sign(manifest);
  } catch (const SigningError& e) {
    throw ReportWriteError(std::string("cannot sign the manifest: ") + e.what(), dir / kSignatureFile);
  }
  writeReportFile(dir / kManifestFile, manifest, "manifest");
  writeReportFile(dir / kSignatureFile, signature, "manifest signature");
  return sha256Hex(manifest);
}

ReportCheck verifyReportDirectory(const fs::path& dir, const SignatureVerifier& trusted) {
  const auto manifest = readBytes(dir / kManifestFile);
  if (!manifest) return {false, std::string(kManifestFile) + ": missing"};
  const auto signature = readBytes(dir / kSignatureFile);
  if (!signature) return {false, std::string(kSignatureFile) + ": missing"};
  ordered_json parsed;
  try {
    parsed = ordered_json::parse(*manifest);
  } catch (const nlohmann::json::exception&) {
    return {false, std::string(kManifestFile) + ": altered (not JSON); signature does not verify"};
  }
  const std::string format = parsed.value("/signer/format"_json_pointer, std::string());
  if (!trusted.verifies(*manifest, *signature, format))
    return {false, "signature does not verify: " + std::string(kManifestFile) + " or " + kSignatureFile +
                       " was altered, or they were signed with another key (trusted key sha256 " + trusted.keySha256() + ")"};
  // Signed, so its contents are what the signer wrote; a shape error here is the signer's tool.
  try {
    for (const auto& entry : parsed.at("files")) {
      const auto path = entry.at("path").get<std::string>();
      const fs::path file = fs::path(path).is_absolute() ? fs::path(path) : dir / path;
      const auto bytes = readBytes(file);
      if (!bytes) return {false, path + ": missing"};
      const std::string actual = sha256Hex(*bytes);
      if (actual != entry.at("sha256").get<std::string>())
        return {false, path + ": altered (sha256 " + actual + ", the manifest says " + entry.at("sha256").get<std::string>() + ")"};
    }
    return {true, std::to_string(parsed.at("files").size()) + " files match " + kManifestFile + ", signed by the trusted key (sha256 " +
                      trusted.keySha256() + ")"};
  } catch (const nlohmann::json::exception& e) {
    return {false, std::string(kManifestFile) + ": unexpected content (" + e.what() + ")"};
  }
}

}  // namespace gpc::reporters
