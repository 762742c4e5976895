#pragma once
// The production Transport: libcurl, sending each request exactly as the case built it.
// A conformance tool must be able to send what a broken consumer would (odd case, duplicated
// headers, no Accept at all), so curl's own defaults are suppressed and nothing is "fixed up".

#include <functional>
#include <memory>

#include "runner/http/transport.h"

namespace gpc::http {

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(TransportOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  // Thread safe. Keep-alive: each calling thread borrows an easy handle from a pool and gives
  // it back, so connections to the same host are reused across requests and cases.
  HttpResponse send(const HttpRequest& request) override;

  const TransportOptions& options() const { return options_; }

  // Opens a connection to `url` as send() would (proxy, connect timeout, and for https the TLS
  // handshake with the target's CA bundle and client identity) and sends nothing: "" when it
  // opened, else libcurl's reason. For the pre-flight reachability check (runner/target/preflight.h).
  std::string tryConnect(const std::string& url) const;

  // Transfers in flight are abandoned (within about a second: libcurl calls its progress
  // callback at least that often) once `aborted` returns true, e.g. after SIGINT. Set before
  // the first send(); the response then has transportError "abandoned: the run was interrupted".
  void abandonWhen(std::function<bool()> aborted) { aborted_ = std::move(aborted); }

 private:
  class HandlePool;
  TransportOptions options_;
  std::unique_ptr<HandlePool> pool_;
  std::function<bool()> aborted_;
};

}  // namespace gpc::http
