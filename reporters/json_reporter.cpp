// The JSON report: canonicalJson() of the run, plus its digest beside it.

#include "reporters/report_file.h"
#include "reporters/reporters.h"
#include "reporters/run_json.h"

namespace gpc::reporters {
namespace {

class JsonReporter final : public Reporter {
 public:
  explicit JsonReporter(std::filesystem::path path) : path_(std::move(path)) {}

  void runFinished(const RunResult& result) override {
    const std::string json = canonicalJson(result);
    writeReportFile(path_, json, "JSON report");
    writeDigestFile(path_, json, "JSON report");
  }

 private:
  std::filesystem::path path_;
};

}  // namespace

std::unique_ptr<Reporter> makeJsonReporter(std::filesystem::path path) {
  return std::make_unique<JsonReporter>(std::move(path));
}

}  // namespace gpc::reporters
