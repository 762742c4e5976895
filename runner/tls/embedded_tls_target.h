#pragma once
// How a run against the in-process reference provider gets its TLS side: the provider's second
// (mutual TLS) listener becomes the target's `tls` endpoint group and the throwaway PKI its `tls`
// section, exactly the shape docs/target-file.md asks of a real provider's target file.

#include <string>

#include "runner/target/target.h"
#include "runner/tls/throwaway_pki.h"

namespace gpc::tls {

// Sets endpoints.tls to `tlsRootUrl` plus the foundations endpoint's path, trusts the PKI's CA,
// presents its valid client identity and offers the bad ones as tls.identities (target and
// tree both, so {endpoints.tls} and %tls resolve). The PKI must outlive the target's use.
void addMutualTlsEndpoint(Target& target, const std::string& tlsRootUrl, const ThrowawayPki& pki);

}  // namespace gpc::tls
