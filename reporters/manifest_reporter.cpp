// The last reporter of a signed run: the manifest over the files the others wrote.

#include "reporters/manifest.h"
#include "reporters/run_reporters.h"

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

std::unique_ptr<Reporter> makeManifestReporter(const std::vector<PlannedReport>& plan, SharedAssuranceInputs inputs) {
  std::vector<std::filesystem::path> files;  // only the reports this run writes (--report)
  for (const auto& report : plan) {
    const auto written = report.reporter->filesWritten(report.path);
    files.insert(files.end(), written.begin(), written.end());
  }
  return std::make_unique<ManifestReporter>(std::move(files), std::move(inputs));
}

}  // namespace gpc::reporters
