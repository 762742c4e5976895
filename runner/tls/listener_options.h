#pragma once
// The reference provider's mutual-TLS listener set up from a throwaway PKI: the one place that
// says which of its files the listener uses (header-only, so the runner library does not link
// the provider; `run` and the suite tests both include it).

#include "provider/reference_provider.h"
#include "runner/tls/throwaway_pki.h"

namespace gpc::tls {

// Server certificate, client CA and CRL, and the valid client's host as the only accepted one
// (the provider "only accepts connections from SSP").
inline provider::TlsOptions mutualTlsListenerOptions(const ThrowawayPki& pki) {
  provider::TlsOptions tls;
  tls.certFile = pki.server().cert;
  tls.keyFile = pki.server().key;
  tls.clientCaFile = pki.caCert();
  tls.clientCrlFile = pki.crl();
  tls.clientHosts = {pki.clientHost()};
  return tls;
}

}  // namespace gpc::tls
