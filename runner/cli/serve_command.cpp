#include "runner/cli/serve_command.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <ostream>
#include <pthread.h>
#include <set>

#include "provider/reference_provider.h"
#include "runner/cli/data_location.h"
#include "runner/target/target.h"

namespace gpc::cli {

namespace {

sigset_t stopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void printEndpoints(const DataDirs& dirs, const std::string& rootUrl, std::ostream& out) {
  // The endpoint paths are those of fixtures/targets/reference.json, which `run` uses too.
  try {
    Target target = loadTarget(dirs.fixtures / "targets" / "reference.json");
    applyBaseUrl(target, rootUrl);
    for (const auto& [group, url] : target.endpoints) out << "  " << group << ": " << url << '\n';
    out << "Target file for it: " << (dirs.fixtures / "targets" / "reference.json").string()
        << " with --base-url " << rootUrl << '\n';
  } catch (const std::exception& e) {
    out << "  (endpoints unknown: " << e.what() << ")\n";
  }
}

}  // namespace

void addServeCommand(CLI::App& app, ServeArgs& args) {
  CLI::App* serve = app.add_subcommand("serve", "Run the reference provider standalone until SIGINT/SIGTERM");
  serve->add_option("--host", args.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", args.port, "Port (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
  serve->add_option("--threads", args.threads,
                    "Worker threads; each keep-alive connection holds one, so a load run with C connections needs C or more")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve->add_option("--fault", args.faults, "Switch on a fault (repeatable; see `faults`)");
  serve->add_option("--disable-area", args.disabledAreas,
                    "Switch a clinical area off practice-wide, by its parameter name: includeMedication ... "
                    "includeDiaryEntries, DocumentReferences (repeatable)");
  CLI::Option* cert = serve->add_option("--tls-cert", args.tlsCert, "Serve HTTPS with this PEM certificate")
                          ->check(CLI::ExistingFile);
  CLI::Option* key = serve->add_option("--tls-key", args.tlsKey, "PEM private key for --tls-cert")
                         ->check(CLI::ExistingFile);
  CLI::Option* clientCa =
      serve->add_option("--client-ca", args.clientCa, "Require client certificates signed by this CA (mutual TLS)")
          ->check(CLI::ExistingFile)
          ->needs(cert);
  serve->add_option("--client-crl", args.clientCrl, "Refuse client certificates this PEM CRL revokes")
      ->check(CLI::ExistingFile)
      ->needs(clientCa);
  serve->add_option("--client-host", args.clientHosts,
                    "Accept only client certificates naming this host, e.g. the SSP's FQDN (repeatable)")
      ->needs(clientCa);
  cert->needs(key);
  key->needs(cert);
  serve->add_option("--suites-dir", args.suitesDir, "Suites directory (only used to locate the data)");
}

int runServeCommand(const ServeArgs& args, std::ostream& out, std::ostream& err) {
  const char* prefix = "gpc-assure serve: ";
  const sigset_t signals = stopSignals();
  // Blocked before the provider starts its threads; delivered only through sigwait below.
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    const DataDirs dirs = locateData(processDataLookup(args.suitesDir));
    provider::ProviderOptions options;
    options.host = args.host;
    options.port = args.port;
    options.threads = args.threads;
    options.fixturesDir = dirs.fixtures;
    options.faults = std::set<std::string>(args.faults.begin(), args.faults.end());
    options.disabledAreas = std::set<std::string>(args.disabledAreas.begin(), args.disabledAreas.end());
    options.preloadXml = true;  // a provider under load tests: no half-second first XML answer
    if (args.tlsCert) {
      provider::TlsOptions tls;
      tls.certFile = *args.tlsCert;
      tls.keyFile = args.tlsKey.value_or("");
      tls.clientCaFile = args.clientCa.value_or("");
      tls.clientCrlFile = args.clientCrl.value_or("");
      tls.clientHosts = args.clientHosts;
      options.tls = std::move(tls);
    }
    provider::ReferenceProvider server(options);
    server.start();
    out << "gpc-assure reference provider listening on " << server.rootUrl() << '\n';
    printEndpoints(dirs, server.rootUrl(), out);
    if (!args.faults.empty()) {
      out << "Faults on:";
      for (const auto& f : args.faults) out << ' ' << f;
      out << '\n';
    }
    out << "Stop with Ctrl-C or SIGTERM." << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    out << "gpc-assure reference provider stopped (" << (received == SIGINT ? "SIGINT" : "SIGTERM") << ")"
        << std::endl;
    return 0;
  } catch (const std::exception& e) {
    err << prefix << e.what() << '\n';
    return 2;
  }
}

}  // namespace gpc::cli
