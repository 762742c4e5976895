#include "runner/cli/requirements_command.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>

#include "reporters/report_reading.h"
#include "reporters/requirement_matrix.h"
#include "reporters/text_safety.h"
#include "runner/cli/case_selection.h"

namespace gpc::cli {
namespace {

struct RequirementsArgs {
  FilterArgs filters;
  std::optional<std::string> suitesDir;
  std::optional<std::string> report;
  std::string format = "text";
};

// The matrix of the run in `report` (its cases the filters select), or of the suites' cases
// with every verdict "not run".
std::vector<reporters::RequirementRow> matrixFor(const RequirementsArgs& args) {
  if (!args.report) {
    std::vector<CaseInfo> infos;
    for (const auto& c : loadSelectedCases(args.filters, args.suitesDir).cases) infos.push_back(c.info);
    return reporters::requirementMatrix(infos);
  }
  const reporters::ReadReport read = reporters::readJsonReport(*args.report);
  const Selection selection = args.filters.selection();
  std::vector<CaseResult> chosen;
  for (const auto& c : read.run.cases)
    if (selected(c.info, selection)) chosen.push_back(c);
  if (chosen.empty()) throw std::runtime_error(read.path + ": no case of the report matches the filters");
  return reporters::requirementMatrix(chosen);
}

}  // namespace

PendingCommand addRequirementsCommand(CLI::App& app) {
  auto args = std::make_shared<RequirementsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "requirements", "The requirement matrix: every requirement the suites cite, its cases and its verdict in a run");
  addFilterOptions(*cmd, args->filters);
  cmd->add_option("--suites-dir", args->suitesDir, "Suites directory (default: see docs/cli.md)");
  cmd->add_option("--report", args->report,
                  "A run's report.json (or its folder): verdicts from that run; without it every requirement is 'not run'");
  cmd->add_option("--format", args->format, "text, or csv (RFC 4180) for assurance spreadsheets")
      ->check(CLI::IsMember({"text", "csv"}))
      ->capture_default_str();
  return {cmd, [args](std::ostream& out, std::ostream& err) {
            try {
              const auto rows = matrixFor(*args);
              // CSV is data for a spreadsheet: written as is. Text may reach a terminal.
              if (args->format == "csv") {
                out << reporters::requirementMatrixCsv(rows);
              } else {
                for (const auto& line : reporters::requirementMatrixLines(rows)) out << reporters::toTerminalText(line) << '\n';
              }
              return 0;
            } catch (const std::exception& e) {
              err << "gpc-assure requirements: " << e.what() << '\n';
              return 2;
            }
          }};
}

}  // namespace gpc::cli
