// The JSON report: canonicalJson() of the run, plus its digest beside it.

#include "reporters/report_file.h"
#include "reporters/reporter_registry.h"
#include "reporters/reporters.h"

namespace gpc::reporters {
namespace {

class JsonReporter final : public Reporter {
 public:
  JsonReporter(std::filesystem::path path, SharedCanonicalRun canonical)
      : path_(std::move(path)), canonical_(std::move(canonical)) {}

  void runFinished(const RunResult& result) override {
    const CanonicalText& text = canonical_->of(result);
    writeReportFile(path_, text.json, "JSON report");
    writeDigestLine(path_, text.digest, "JSON report");
  }

 private:
  std::filesystem::path path_;
  SharedCanonicalRun canonical_;
};

}  // namespace

std::unique_ptr<Reporter> makeJsonReporter(std::filesystem::path path, SharedCanonicalRun canonical) {
  if (!canonical) canonical = std::make_shared<CanonicalRun>();
  return std::make_unique<JsonReporter>(std::move(path), std::move(canonical));
}

void registerJsonReporter(ReporterRegistry& registry) {
  registry.add({.name = "json",
                .summary = "the whole run with all evidence, and its .sha256",
                .file = "json",
                .defaultFileName = "report.json",
                .byDefault = true,
                .holdsManifest = true,
                .make = [](const std::filesystem::path& path,
                           const ReportSettings& settings) { return makeJsonReporter(path, settings.canonical); },
                .writes = reportWithDigest});
}

}  // namespace gpc::reporters
