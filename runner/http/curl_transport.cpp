#include "runner/http/curl_transport.h"

#include <mutex>
#include <vector>

#include "runner/http/curl_exchange.h"
#include "runner/http/curl_handle.h"

namespace gpc::http {

// Idle easy handles. curl_easy_reset keeps a handle's connection cache, so a handle returned
// here and borrowed again reuses its keep-alive connections; one handle is only ever used by
// one thread at a time, which is all libcurl asks.
class CurlTransport::HandlePool {
 public:
  CurlEasy borrow() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        CurlEasy handle = std::move(idle_.back());
        idle_.pop_back();
        return handle;
      }
    }
    return makeCurlEasy();
  }
  void giveBack(CurlEasy handle) {
    curl_easy_reset(handle.get());
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(handle));
  }

 private:
  std::mutex mutex_;
  std::vector<CurlEasy> idle_;
};

CurlTransport::CurlTransport(TransportOptions options)
    : options_(std::move(options)), pool_(std::make_unique<HandlePool>()) {
  ensureCurlInitialised();
}

CurlTransport::~CurlTransport() = default;

HttpResponse CurlTransport::send(const HttpRequest& request) {
  HttpResponse response;
  CurlEasy handle;
  try {
    handle = pool_->borrow();
  } catch (const std::exception& e) {
    response.transportError = e.what();
    return response;
  }
  try {
    CurlExchange exchange(handle.get(), request, options_, aborted_ ? &aborted_ : nullptr);
    response = exchange.finish(curl_easy_perform(handle.get()));
  } catch (const std::exception& e) {
    response.transportError = e.what();
    response.clientFailure = true;  // an option libcurl rejected: nothing was sent
  }
  // A truncated transfer leaves its connection unusable; curl closes it itself.
  pool_->giveBack(std::move(handle));
  return response;
}

std::string CurlTransport::tryConnect(const std::string& url) const {
  char errorBuffer[CURL_ERROR_SIZE] = {};
  CURLcode rc = CURLE_OK;
  try {
    // A handle of its own: a connect-only handle is not fit to go back into the pool.
    const CurlEasy handle = makeCurlEasy();
    CURL* h = handle.get();
    prepareConnectOnly(h, url, options_, errorBuffer);
    rc = curl_easy_perform(h);
  } catch (const std::exception& e) {
    return e.what();
  }
  if (rc == CURLE_OK) return "";
  std::string reason = curl_easy_strerror(rc);
  if (errorBuffer[0] != '\0') reason += std::string(": ") + errorBuffer;
  return reason;
}

}  // namespace gpc::http
