#pragma once
// What `run` checks about a target before any case starts (docs/cli.md, Pre-flight): a TLS file
// nobody can read, or a provider nobody can reach, would otherwise turn every case into the
// same errored line and say nothing about the provider.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "runner/target/target.h"

namespace gpc {

// Throws LoadError "target file: /tls/client_cert: cannot read the client certificate PATH: reason"
// for the first CA bundle, client certificate or key (tls.identities included) that cannot be read.
void checkTlsFilesReadable(const Target& target);

// Opens a connection to a URL without sending anything: "" when it opened, else why not.
using ConnectProbe = std::function<std::string(const std::string& url)>;

struct UnreachableGroup {
  std::string group;
  std::string url;     // what was connected to
  std::string reason;  // the transport's
};

// Connects once to each of `groups` the target has an endpoint for, where the first request of
// that group would go (through ssp_prefix except for tls). The tls group is only connected to
// over TCP: its handshake is what the security.tls cases judge, not a pre-condition of the run.
std::vector<UnreachableGroup> unreachableGroups(const Target& target, const std::set<std::string>& groups,
                                                const ConnectProbe& connect);

// One indented line per unreachable group: its name, the URL and the reason.
std::string describeUnreachable(const std::vector<UnreachableGroup>& unreachable);

// The URL a connection to the endpoint of `group` opens: `https://host/...` of the tls group as
// `http://host:443/...`, so the probe stops after TCP. Exposed for tests.
std::string connectUrl(const Target& target, const std::string& group);

}  // namespace gpc
