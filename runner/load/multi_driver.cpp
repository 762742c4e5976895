#include "runner/load/multi_driver.h"

#include <algorithm>
#include <stdexcept>

namespace gpc::load {

struct MultiDriver::Transfer {
  HttpRequest request;  // libcurl points into it until the transfer ends
  http::CurlEasy handle;
  std::unique_ptr<http::CurlExchange> exchange;
  Done done;
};

MultiDriver::MultiDriver(TransportOptions options, std::function<bool()> aborted, std::size_t maxConnections)
    : options_(std::move(options)), aborted_(std::move(aborted)) {
  http::ensureCurlInitialised();
  multi_ = curl_multi_init();
  if (!multi_) throw std::runtime_error("libcurl could not create a multi handle");
  const long limit = static_cast<long>(std::max<std::size_t>(1, maxConnections));
  curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, limit);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, limit);
}

MultiDriver::~MultiDriver() {
  for (auto& [handle, transfer] : transfers_) curl_multi_remove_handle(multi_, handle);
  transfers_.clear();
  idle_.clear();
  curl_multi_cleanup(multi_);
}

void MultiDriver::submit(HttpRequest request, Done done) {
  auto transfer = std::make_unique<Transfer>();
  transfer->request = std::move(request);
  transfer->done = std::move(done);
  try {
    if (idle_.empty()) {
      transfer->handle = http::makeCurlEasy();
    } else {
      transfer->handle = std::move(idle_.back());
      idle_.pop_back();
    }
    transfer->exchange = std::make_unique<http::CurlExchange>(transfer->handle.get(), transfer->request, options_,
                                                              aborted_ ? &aborted_ : nullptr);
  } catch (const std::exception& e) {
    HttpResponse failed;
    failed.transportError = e.what();
    failed.clientFailure = true;  // nothing was sent
    transfer->done(std::move(failed));
    return;
  }
  CURL* h = transfer->handle.get();
  if (const CURLMcode rc = curl_multi_add_handle(multi_, h); rc != CURLM_OK) {
    HttpResponse failed;
    failed.transportError = std::string("libcurl multi: ") + curl_multi_strerror(rc);
    failed.clientFailure = true;
    transfer->done(std::move(failed));
    return;
  }
  transfers_.emplace(h, std::move(transfer));
}

void MultiDriver::complete(CURL* h, CURLcode rc) {
  auto it = transfers_.find(h);
  if (it == transfers_.end()) return;
  std::unique_ptr<Transfer> transfer = std::move(it->second);
  transfers_.erase(it);
  curl_multi_remove_handle(multi_, h);
  HttpResponse response = transfer->exchange->finish(rc);
  transfer->exchange.reset();
  // Reset keeps nothing of this request; the connection stays in the multi handle's cache.
  curl_easy_reset(h);
  idle_.push_back(std::move(transfer->handle));
  transfer->done(std::move(response));
}

void MultiDriver::poll(int maxWaitMs) {
  int running = 0;
  int queued = 0;
  auto drain = [&] {
    while (CURLMsg* msg = curl_multi_info_read(multi_, &queued))
      if (msg->msg == CURLMSG_DONE) complete(msg->easy_handle, msg->data.result);
  };
  curl_multi_perform(multi_, &running);
  drain();
  // Waits for socket activity or the timeout (also with nothing in flight: the caller's pacing).
  curl_multi_poll(multi_, nullptr, 0, maxWaitMs, nullptr);
  curl_multi_perform(multi_, &running);
  drain();
}

}  // namespace gpc::load
