#include "runner/cli/engine_commands.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

#include "runner/cli/data_location.h"

#include "runner/fhir/validate_command.h"
#include "runner/coverage/coverage_command.h"

namespace gpc::cli {

namespace {

PendingCommand addValidate(CLI::App& app) {
  auto args = std::make_shared<fhir::ValidateCommandArgs>();
  CLI::App* cmd = app.add_subcommand("validate", "Profile-validate FHIR resources (JSON or XML) and print the issues");
  cmd->add_option("FILE", args->files, "Resource files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--profile", args->profile, "Also validate against this profile canonical URL");
  cmd->add_option("--profiles", args->profileDirs, "Profile directory (repeatable; default: the project's profiles/)");
  cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("--fhir", args->fhirVersion, "FHIR version (auto: by meta.profile, else STU3)")
      ->check(CLI::IsMember({"auto", "stu3", "dstu2"}))
      ->capture_default_str();
  return {cmd, [args](std::ostream& out, std::ostream& err) {
            fhir::ValidateCommandArgs resolved = *args;
            if (resolved.profileDirs.empty()) {
              try {
                resolved.profileDirs.push_back(locateData(processDataLookup(std::nullopt)).profiles.string());
              } catch (const std::exception&) {
                // Leave it empty: the validator then reports its own default.
              }
            }
            return fhir::runValidateCommand(resolved, out, err);
          }};
}

PendingCommand addCoverage(CLI::App& app) {
  struct Args {
    coverage::CoverageArgs coverage;
    std::string official, notApplicable;
    std::optional<std::string> suitesDir;
    std::optional<double> minPercent;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("coverage", "How much of the official GP Connect test suite the suites trace to");
  cmd->add_option("--official", args->official, "official-scenarios.tsv")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", args->coverage.format, "Output format")
      ->check(CLI::IsMember({"text", "markdown"}))
      ->capture_default_str();
  cmd->add_option("--category", args->coverage.categories, "Only this category (repeatable)");
  cmd->add_option("--not-applicable", args->notApplicable, "Not-applicable reasons file")->check(CLI::ExistingFile);
  cmd->add_option("--min-percent", args->minPercent, "Exit 1 when a selected category is below this")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--suites-dir", args->suitesDir, "Suites directory (default: see docs/cli.md)");
  return {cmd, [args](std::ostream& out, std::ostream& err) {
            coverage::CoverageArgs resolved = args->coverage;
            resolved.officialTsv = args->official;
            resolved.notApplicable = args->notApplicable;
            resolved.minPercent = args->minPercent;
            try {
              resolved.suitesDir = locateData(processDataLookup(args->suitesDir)).suites;
            } catch (const std::exception& e) {
              err << "gpc-assure coverage: " << e.what() << '\n';
              return 2;
            }
            return coverage::runCoverageCommand(resolved, out, err);
          }};
}

}  // namespace

std::vector<PendingCommand> addEngineCommands(CLI::App& app) {
  std::vector<PendingCommand> commands;
  commands.push_back(addValidate(app));
  commands.push_back(addCoverage(app));
  return commands;
}

}  // namespace gpc::cli
