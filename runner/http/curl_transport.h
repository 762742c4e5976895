#pragma once
// The production Transport: libcurl, sending each request exactly as the case built it.
// A conformance tool must be able to send what a broken consumer would (odd case, duplicated
// headers, no Accept at all), so curl's own defaults are suppressed and nothing is "fixed up".

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

 private:
  class HandlePool;
  TransportOptions options_;
  std::unique_ptr<HandlePool> pool_;
};

}  // namespace gpc::http
