#include "runner/coverage/coverage_command.h"

#include <ostream>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "runner/coverage/coverage.h"

namespace gpc::coverage {

int runCoverageCommand(const CoverageArgs& args, std::ostream& out, std::ostream& err) {
  if (args.format != "text" && args.format != "markdown") {
    err << "coverage: --format must be text or markdown, not '" << args.format << "'\n";
    return 2;
  }
  std::vector<OfficialScenario> scenarios;
  NotApplicable reasons;
  try {
    scenarios = loadOfficialScenarios(args.officialTsv);
    auto reasonsFile = args.notApplicable;
    if (reasonsFile.empty() && std::filesystem::exists(args.suitesDir / "official-not-applicable.reasons"))
      reasonsFile = args.suitesDir / "official-not-applicable.reasons";
    if (!reasonsFile.empty()) reasons = loadNotApplicable(reasonsFile);
  } catch (const std::exception& e) {
    err << "coverage: " << e.what() << "\n";
    return 2;
  }
  std::set<std::string> knownCategories;
  for (const auto& s : scenarios) knownCategories.insert(s.category);
  for (const auto& c : args.categories)
    if (!knownCategories.count(c)) {
      err << "coverage: unknown category '" << c << "' (the list has:";
      for (const auto& k : knownCategories) err << " " << k;
      err << ")\n";
      return 2;
    }

  SuiteTraces traces = readSuiteTraces(args.suitesDir);
  CoverageReport report = computeCoverage(scenarios, traces.cases, reasons, args.categories);
  out << (args.format == "markdown" ? renderMarkdown(report) : renderText(report));

  int rc = 0;
  for (const auto& p : traces.problems) {
    err << "coverage: " << p << "\n";
    rc = 1;
  }
  if (!report.unknownReferences.empty() || !report.unknownReasons.empty()) {
    err << "coverage: " << report.unknownReferences.size() << " unknown official reference(s), "
        << report.unknownReasons.size() << " reason(s) matching no scenario\n";
    rc = 1;
  }
  if (args.minPercent)
    for (const auto& c : report.categories)
      if (c.accountedPercent() + 1e-9 < *args.minPercent) {
        err << fmt::format("coverage: category {} accounts for {:.1f}% < {:.1f}%\n", c.category,
                           c.accountedPercent(), *args.minPercent);
        rc = 1;
      }
  return rc;
}

}  // namespace gpc::coverage
