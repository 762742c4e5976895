// Validation speed: profile loading time, MB/s and resources/s on the 3 MB structured record,
// and peak memory. Run from a Release build:
//   bench_validation [record.json] [iterations]
// Without ../shared and without a record argument it says so and exits 0.

#include "gpc/build_paths.h"
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "runner/fhir/validator.h"

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this process: the machine may be shared, and the goal is per core.
double cpuMs() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 + usage.ru_stime.tv_sec * 1000.0 +
         usage.ru_stime.tv_usec / 1000.0;
}

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path record =
      argc > 1 ? std::filesystem::path(argv[1])
               : std::filesystem::path(GPC_SHARED_DIR) / "corpus/structured-records/9690937286.structuredRecord.json";
  const int iterations = argc > 2 ? std::stoi(argv[2]) : 20;
  if (!std::filesystem::exists(record)) {
    std::cout << "skipped: " << record << " not found (../shared absent); pass a record to measure\n";
    return 0;
  }
  std::ifstream in(record, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  auto start = Clock::now();
  const auto registry = gpc::fhir::ProfileRegistry::loadDefault();
  const double loadMs = msSince(start);
  start = Clock::now();
  const gpc::fhir::Validator validator(registry);
  const double invariantMs = msSince(start);

  start = Clock::now();
  const auto json = nlohmann::json::parse(text);
  const double parseMs = msSince(start);
  const std::size_t resources = json.contains("entry") ? json["entry"].size() : 1;

  std::vector<gpc::fhir::Issue> issues = validator.validate(json);  // warm-up
  start = Clock::now();
  const double cpuStart = cpuMs();
  for (int i = 0; i < iterations; ++i) issues = validator.validate(json);
  const double wallMs = msSince(start) / iterations;
  const double validateMs = (cpuMs() - cpuStart) / iterations;

  std::map<std::string, int> bySeverity;
  for (const auto& issue : issues) ++bySeverity[issue.severity];
  const double mb = static_cast<double>(text.size()) / (1024.0 * 1024.0);
  std::cout << "record: " << record.filename().string() << " (" << text.size() << " bytes, " << resources
            << " resources)\n"
            << "profile loading (profiles/, " << registry->profileCount() << " profiles, "
            << registry->valueSetCount() << " value sets): " << loadMs << " ms\n"
            << "invariant compilation: " << invariantMs << " ms\n"
            << "JSON parse: " << parseMs << " ms\n"
            << "validation: " << validateMs << " ms CPU per bundle (" << wallMs << " ms wall; mean of " << iterations
            << "), "
            << mb / (validateMs / 1000.0) << " MB/s, " << resources / (validateMs / 1000.0) << " resources/s\n"
            << "peak memory: " << peakRssKb() / 1024 << " MB\n"
            << "issues:";
  for (const auto& [severity, count] : bySeverity) std::cout << " " << severity << "=" << count;
  std::cout << "\n";
  return 0;
}
