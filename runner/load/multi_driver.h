#pragma once
// Many requests in flight on one thread: libcurl's multi interface over the same CurlExchange
// the blocking transport uses, so a load request is sent byte for byte as a suite request is.
// Easy handles are kept and reused, and the multi handle's connection cache keeps connections
// alive between requests, as a real consumer pool would.

#include <curl/curl.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "runner/http/curl_exchange.h"
#include "runner/http/curl_handle.h"
#include "runner/http/transport.h"

namespace gpc::load {

class MultiDriver {
 public:
  using Done = std::function<void(HttpResponse)>;

  // `aborted` (may be empty) abandons every transfer in flight once it returns true. At most
  // `maxConnections` connections are open at once (more transfers queue inside libcurl), and no
  // more are kept idle: an idle keep-alive connection ties up a worker of many servers.
  MultiDriver(TransportOptions options, std::function<bool()> aborted, std::size_t maxConnections);
  ~MultiDriver();
  MultiDriver(const MultiDriver&) = delete;
  MultiDriver& operator=(const MultiDriver&) = delete;

  // Starts `request`; `done` is called from poll() with its response (a transport error for
  // anything that went wrong, never an exception).
  void submit(HttpRequest request, Done done);
  std::size_t inFlight() const { return transfers_.size(); }
  // Moves transfers on, waiting up to `maxWaitMs` for network activity, and calls `done` for each
  // one that ended. `done` may submit further requests.
  void poll(int maxWaitMs);

 private:
  struct Transfer;
  void complete(CURL* handle, CURLcode rc);

  TransportOptions options_;
  std::function<bool()> aborted_;
  CURLM* multi_ = nullptr;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
  std::vector<http::CurlEasy> idle_;
};

}  // namespace gpc::load
