// The reporters of one run, sharing the canonical text of the result.

#include "reporters/run_reporters.h"

namespace gpc::reporters {

std::vector<std::unique_ptr<Reporter>> makeRunReporters(std::ostream& console, ConsoleOptions options,
                                                        const std::vector<PlannedReport>& plan,
                                                        ReportSettings settings) {
  if (!settings.canonical) settings.canonical = std::make_shared<CanonicalRun>();
  std::vector<std::unique_ptr<Reporter>> out;
  out.push_back(makeConsoleReporter(console, options, settings.canonical));
  for (const auto& report : plan) out.push_back(report.reporter->make(report.path, settings));
  if (settings.assurance && settings.assurance->signer) out.push_back(makeManifestReporter(plan, settings.assurance));
  return out;
}

}  // namespace gpc::reporters
