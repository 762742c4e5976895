#pragma once
// What `run` and `load` talk to: a target file, the embedded reference provider (started in
// this process on a free loopback port, with a mutual-TLS listener of a throwaway PKI), or
// either with --base-url moving every endpoint to another host.

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "provider/reference_provider.h"
#include "runner/cli/data_location.h"
#include "runner/target/target.h"
#include "runner/tls/embedded_tls_target.h"

namespace gpc::cli {

// A usage, data or target problem: printed and mapped to exit 2.
struct RunSetupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct TargetChoice {
  std::optional<std::string> target;   // target file; none: the embedded reference provider
  std::optional<std::string> baseUrl;  // replaces scheme/host/port of every endpoint
  std::vector<std::string> faults;         // embedded provider fault switches
  std::vector<std::string> disabledAreas;  // embedded provider clinical areas switched off
  std::optional<double> timeoutSeconds;    // overrides the target's http.timeout_seconds
  // The embedded provider's worker threads (default: ProviderOptions'). A load run sizes it to
  // the connections it keeps open: each keep-alive connection holds one worker.
  std::optional<int> providerThreads;
};

// The target the run talks to, and the in-process provider behind it when there is one.
struct ResolvedTarget {
  std::unique_ptr<tls::ThrowawayPki> pki;  // declared first: outlives the provider using its files
  std::unique_ptr<provider::ReferenceProvider> provider;
  Target target;
};

// `endpointGroups`: those of the suites' interactions table, which the target file is held to.
// Throws RunSetupError for options that do not go together, LoadError for a bad target file.
ResolvedTarget resolveTarget(const TargetChoice& choice, const DataDirs& dirs, const std::vector<std::string>& endpointGroups);

}  // namespace gpc::cli
