#include "runner/cli/assurance_commands.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>

#include "reporters/manifest.h"
#include "runner/cli/merge_command.h"

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

}  // namespace

std::vector<PendingCommand> addAssuranceCommands(CLI::App& app) {
  std::vector<PendingCommand> commands;
  commands.push_back(addVerifyReport(app));
  commands.push_back(addMergeCommand(app));
  return commands;
}

}  // namespace gpc::cli
