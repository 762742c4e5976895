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
  // Larger bodies are cut and flagged. 16 MiB is over twice the largest body GP Connect allows
  // (a 5 MB Binary is 6.7 MB as base64 JSON) yet keeps a provider streaming gigabytes from
  // costing the run more than a few seconds and ~100 MB (each kept body is copied into the
  // reports); a target expecting more (document migration) raises http.max_response_bytes.
  std::uint64_t maxResponseBytes = 16ull << 20;
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
