#include "runner/cli/target_choice.h"

#include <set>

#include "runner/target/endpoint_groups.h"
#include "runner/tls/listener_options.h"

namespace gpc::cli {

namespace fs = std::filesystem;

ResolvedTarget resolveTarget(const TargetChoice& args, const DataDirs& dirs, const std::vector<std::string>& endpointGroups) {
  ResolvedTarget resolved;
  if (args.target) {
    if (!args.faults.empty())
      throw RunSetupError("--fault switches the embedded reference provider's faults; it cannot be used with --target");
    if (!args.disabledAreas.empty())
      throw RunSetupError("--disable-area configures the embedded reference provider; it cannot be used with --target");
    resolved.target = loadTarget(*args.target);
    checkEndpointGroups(resolved.target, endpointGroups);
  } else {
    const fs::path referenceFile = dirs.fixtures / "targets" / "reference.json";
    resolved.target = loadTarget(referenceFile);
    checkEndpointGroups(resolved.target, endpointGroups);
    if (!args.baseUrl) {
      // The default run: the reference provider in this process, on a free loopback port.
      provider::ProviderOptions options;
      options.fixturesDir = dirs.fixtures;
      options.faults = std::set<std::string>(args.faults.begin(), args.faults.end());
      options.disabledAreas = std::set<std::string>(args.disabledAreas.begin(), args.disabledAreas.end());
      options.preloadXml = true;  // the first XML answer is timed like every other
      if (args.providerThreads) options.threads = *args.providerThreads;
      resolved.pki = std::make_unique<tls::ThrowawayPki>();
      // Its second listener: mutual TLS with a CA, CRL and client identities made for this run
      // only (deleted with it), so the security.tls cases are judged for real in-process.
      options.tlsListener = tls::mutualTlsListenerOptions(*resolved.pki);
      resolved.provider = std::make_unique<provider::ReferenceProvider>(options);
      resolved.provider->start();
      applyBaseUrl(resolved.target, resolved.provider->rootUrl());
      tls::addMutualTlsEndpoint(resolved.target, resolved.provider->tlsListenerRootUrl(), *resolved.pki);
      resolved.target.name = "embedded reference provider";
    } else if (!args.faults.empty()) {
      throw RunSetupError("--fault needs the embedded reference provider; with --base-url set the faults on `gpc-assure serve`");
    } else if (!args.disabledAreas.empty()) {
      throw RunSetupError("--disable-area needs the embedded reference provider; with --base-url give it to `gpc-assure serve`");
    }
  }
  if (args.baseUrl) {
    try {
      applyBaseUrl(resolved.target, *args.baseUrl);
    } catch (const std::invalid_argument& e) {
      throw RunSetupError(std::string("--base-url ") + *args.baseUrl + ": " + e.what());
    }
    // The reports must name what was run: reference.json's own name says "embedded reference
    // provider", which a --base-url run is not (nothing was started in this process).
    if (!args.target) resolved.target.name = *args.baseUrl + " (test data of fixtures/targets/reference.json)";
  }
  if (args.timeoutSeconds) resolved.target.transport.timeoutSeconds = *args.timeoutSeconds;
  return resolved;
}

}  // namespace gpc::cli
