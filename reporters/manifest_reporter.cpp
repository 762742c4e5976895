// The last reporter of a signed run: the manifest over the files the others wrote.

#include "reporters/manifest.h"
#include "reporters/reporters.h"

namespace gpc::reporters {
namespace {

class ManifestReporter final : public Reporter {
 public:
  ManifestReporter(std::vector<std::filesystem::path> files, SharedAssuranceInputs inputs)
      : files_(std::move(files)), inputs_(std::move(inputs)) {}

  void runFinished(const RunResult& result) override {
    writeSignedManifest(inputs_->manifestDir, files_, result, inputs_->suitesSha256, *inputs_->signer);
  }

 private:
  std::vector<std::filesystem::path> files_;
  SharedAssuranceInputs inputs_;
};

}  // namespace

std::unique_ptr<Reporter> makeManifestReporter(const ReportPaths& paths, const ReportChoice& choice,
                                               SharedAssuranceInputs inputs) {
  const auto withDigest = [](const std::filesystem::path& p) { return std::filesystem::path(p.string() + ".sha256"); };
  std::vector<std::filesystem::path> files;  // only the reports this run writes (--report)
  if (choice.junit) files.push_back(paths.junit);
  if (choice.json) files.insert(files.end(), {paths.json, withDigest(paths.json)});
  if (choice.html) files.insert(files.end(), {paths.html, withDigest(paths.html)});
  return std::make_unique<ManifestReporter>(std::move(files), std::move(inputs));
}

}  // namespace gpc::reporters
