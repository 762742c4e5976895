#include "runner/cli/target_command.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>

#include "runner/cli/data_location.h"
#include "runner/core/json_input.h"
#include "runner/http/curl_transport.h"
#include "runner/target/metadata_probe.h"
#include "runner/target/preflight.h"
#include "runner/target/target.h"
#include "runner/target/target_skeleton.h"

namespace gpc::cli {
namespace {

struct CheckArgs {
  std::string file;
  std::optional<std::string> baseUrl;
  bool noProbe = false;
  std::optional<std::string> suitesDir;
};

struct InitArgs {
  std::optional<std::string> file;
  bool force = false;
};

// Exit 2 for the file itself (unreadable, invalid, placeholders left, a TLS file unreadable);
// 1 when it is valid but an endpoint did not answer its metadata read; 0 otherwise.
int checkTarget(const CheckArgs& args, std::ostream& out, std::ostream& err) {
  const char* prefix = "gpc-assure target check: ";
  try {
    Target target = loadTarget(args.file);
    const auto raw = json_input::parseFile(args.file, args.file);
    if (const auto left = firstPlaceholder(raw))
      throw LoadError(args.file, left->pointer, "still the placeholder \"" + left->text + "\" (fill it in)");
    if (args.baseUrl) applyBaseUrl(target, *args.baseUrl);
    checkTlsFilesReadable(target);
    out << args.file << ": valid (" << target.endpoints.size() << " endpoint groups, "
        << target.tree["patients"].size() << " patients)\n";
    if (args.noProbe) return 0;
    const DataDirs dirs = locateData(processDataLookup(args.suitesDir));
    const InteractionTable table = loadInteractions(dirs.suites / "interactions.json");
    http::CurlTransport transport(target.transport);
    const auto fhir = makeUnavailableFhirServices();
    int silent = 0;
    for (const auto& probe : probeMetadata(target, table, transport, *fhir, dirs.fixtures)) {
      out << "  " << (probe.answered ? "ok    " : "FAILED") << ' ' << probe.group << ' '
          << (probe.url.empty() ? "-" : probe.url) << ": " << probe.summary << '\n';
      silent += probe.answered ? 0 : 1;
    }
    if (silent == 0) return 0;
    out << silent << " of " << target.endpoints.size() << " endpoints did not answer the metadata read\n";
    return 1;
  } catch (const std::exception& e) {
    err << prefix << e.what() << '\n';
    return 2;
  }
}

// The skeleton to FILE (never over an existing one without --force) or to stdout.
int initTarget(const InitArgs& args, std::ostream& out, std::ostream& err) {
  const char* prefix = "gpc-assure target init: ";
  try {
    const DataDirs dirs = locateData(processDataLookup(std::nullopt));
    const auto dataPack = (dirs.fixtures / "targets" / "reference.json").string();
    const std::string text = targetSkeleton(json_input::parseFile(dataPack, dataPack)).dump(2) + "\n";
    if (!args.file) {
      out << text;
      return 0;
    }
    if (std::filesystem::exists(*args.file) && !args.force)
      throw std::runtime_error(*args.file + ": already exists (--force replaces it)");
    std::ofstream file(*args.file, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) throw std::runtime_error(*args.file + ": cannot write the file");
    out << "wrote " << *args.file << ": replace every <...> value, then run `gpc-assure target check " << *args.file
        << "`\n";
    return 0;
  } catch (const std::exception& e) {
    err << prefix << e.what() << '\n';
    return 2;
  }
}

}  // namespace

std::vector<PendingCommand> addTargetCommands(CLI::App& app) {
  CLI::App* target = app.add_subcommand("target", "Write a target file skeleton or check a target file");
  target->require_subcommand(1);

  auto check = std::make_shared<CheckArgs>();
  CLI::App* checkCmd = target->add_subcommand(
      "check", "Validate a target file and read each endpoint's metadata (exit 0 ok, 1 an endpoint failed, 2 bad file)");
  checkCmd->add_option("FILE", check->file, "Target file")->required();
  checkCmd->add_option("--base-url", check->baseUrl, "Replace scheme, host and port of every endpoint, keeping paths");
  checkCmd->add_flag("--no-probe", check->noProbe, "Only validate the file; send nothing");
  checkCmd->add_option("--suites-dir", check->suitesDir, "Suites directory, for interactions.json (default: see docs/cli.md)");

  auto init = std::make_shared<InitArgs>();
  CLI::App* initCmd = target->add_subcommand("init", "Write a commented target file skeleton to FILE (default: stdout)");
  initCmd->add_option("FILE", init->file, "File to write");
  initCmd->add_flag("--force", init->force, "Replace FILE if it exists");

  return {{checkCmd, [check](std::ostream& out, std::ostream& err) { return checkTarget(*check, out, err); }},
          {initCmd, [init](std::ostream& out, std::ostream& err) { return initTarget(*init, out, err); }}};
}

}  // namespace gpc::cli
