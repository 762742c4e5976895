#pragma once
// The seam between building requests and sending them: the case executor only sees this,
// so checks and steps are tested with a scripted transport and no network.

#include <cstdint>
#include <string>

#include "runner/core/model.h"

namespace gpc {

struct TransportOptions {
  double connectTimeoutSeconds = 10;
  double timeoutSeconds = 30;            // whole exchange
  std::uint64_t maxResponseBytes = 64ull << 20;  // larger bodies are cut and flagged
  bool verifyPeer = true;
  std::string caBundle;                  // PEM file; empty: system store
  std::string clientCert, clientKey, clientKeyPassword;  // mutual TLS
  std::string proxy;                     // HTTP proxy URL
  bool acceptGzip = false;               // only when a case asks (Accept-Encoding is then sent as given)
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Never throws for anything the provider does: a refused connection, a TLS failure, a
  // timeout or an oversized body come back as HttpResponse::transportError / bodyTruncated.
  // Must be safe to call from several threads at once.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

}  // namespace gpc
