// The reporters of one run, sharing the canonical text of the result.

#include "reporters/reporters.h"

namespace gpc::reporters {

std::vector<std::unique_ptr<Reporter>> makeRunReporters(std::ostream& console, ConsoleOptions options,
                                                        const ReportPaths& paths, const ReportChoice& choice,
                                                        SharedAssuranceInputs assurance) {
  const auto canonical = std::make_shared<CanonicalRun>();
  std::vector<std::unique_ptr<Reporter>> out;
  out.push_back(makeConsoleReporter(console, options, canonical));
  if (choice.junit) out.push_back(makeJUnitReporter(paths.junit, choice.junitStyle));
  if (choice.json) out.push_back(makeJsonReporter(paths.json, canonical));
  if (choice.html) out.push_back(makeHtmlReporter(paths.html, canonical, choice.htmlEvidence, assurance));
  if (assurance && assurance->signer) out.push_back(makeManifestReporter(paths, choice, assurance));
  return out;
}

}  // namespace gpc::reporters
