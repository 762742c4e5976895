#include "runner/cli/assurance_commands.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>

#include "reporters/baseline_changes.h"
#include "reporters/manifest.h"
#include "runner/cli/merge_command.h"
#include "reporters/report_reading.h"
#include "reporters/text_safety.h"
#include "runner/cli/requirements_command.h"

namespace gpc::cli {
namespace {

PendingCommand addVerifyReport(CLI::App& app) {
  struct Args {
    std::string dir;
    std::optional<std::string> cert, pubkey;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("verify-report", "Check a signed report set: the signature and every file the manifest lists");
  cmd->add_option("DIR", args->dir, "Report folder holding manifest.json and manifest.sig")->required()->check(CLI::ExistingDirectory);
  auto* cert = cmd->add_option("--cert", args->cert, "Trusted signer certificate (PEM)")->check(CLI::ExistingFile);
  auto* key = cmd->add_option("--pubkey", args->pubkey, "Trusted public key (PEM)")->check(CLI::ExistingFile);
  cert->excludes(key);
  return {cmd, [args](std::ostream& out, std::ostream& err) {
            const char* prefix = "gpc-assure verify-report: ";
            // The key in the manifest proves nothing: only a key the reviewer already trusts does.
            if (!args->cert && !args->pubkey) {
              err << prefix << "give the trusted key: --cert CERT.pem or --pubkey KEY.pem\n";
              return 2;
            }
            std::optional<reporters::SignatureVerifier> trusted;
            try {
              trusted.emplace(args->cert ? reporters::SignatureVerifier::fromCertificate(*args->cert)
                                         : reporters::SignatureVerifier::fromPublicKey(*args->pubkey));
            } catch (const reporters::SigningError& e) {
              err << prefix << e.what() << '\n';
              return 2;
            }
            const auto check = reporters::verifyReportDirectory(args->dir, *trusted);
            (check.intact ? out : err) << (check.intact ? "" : prefix) << check.message << '\n';
            return check.intact ? 0 : 1;
          }};
}

// `diff OLD NEW`: the comparison `run --baseline` makes, between two reports already written.
PendingCommand addDiff(CLI::App& app) {
  struct Args {
    std::string oldReport, newReport;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("diff", "Compare two JSON reports: new, fixed, regressed, still failing, unchanged");
  cmd->add_option("OLD", args->oldReport, "The baseline: a report.json or the folder holding it")->required();
  cmd->add_option("NEW", args->newReport, "The later run: a report.json or the folder holding it")->required();
  return {cmd, [args](std::ostream& out, std::ostream& err) {
            reporters::ReadReport before, after;
            try {
              before = reporters::readJsonReport(args->oldReport);
              after = reporters::readJsonReport(args->newReport);
            } catch (const reporters::JsonReportError& e) {
              err << "gpc-assure diff: " << e.what() << '\n';
              return 2;
            }
            const BaselineRun baseline = reporters::baselineFrom(before.run, before.path, before.sha256);
            const auto comparison = reporters::compareWithBaseline(baseline, after.run.cases);
            for (const auto& line : reporters::changeLines(baseline, comparison, /*listAll=*/true))
              out << reporters::toTerminalText(line) << '\n';
            return comparison.count(reporters::Change::Regressed) > 0 ? 1 : 0;
          }};
}

}  // namespace

std::vector<PendingCommand> addAssuranceCommands(CLI::App& app) {
  std::vector<PendingCommand> commands;
  commands.push_back(addVerifyReport(app));
  commands.push_back(addMergeCommand(app));
  commands.push_back(addDiff(app));
  commands.push_back(addRequirementsCommand(app));
  return commands;
}

}  // namespace gpc::cli
