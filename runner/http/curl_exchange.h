#pragma once
// One request on one libcurl easy handle: every option set exactly as the harness sends
// requests (no curl defaults added, nothing "fixed up"), and the finished transfer read back
// into an HttpResponse. Shared by the blocking CurlTransport (curl_easy_perform) and the load
// driver, which keeps hundreds of these in flight on one multi handle.

#include <functional>

#include "runner/http/curl_handle.h"
#include "runner/http/response_parser.h"
#include "runner/http/transport.h"

namespace gpc::http {

// Sets `handle` up to connect to `url` only (CURLOPT_CONNECT_ONLY), with the same connection and
// TLS options a request gets, errors written to `errorBuffer` (CURL_ERROR_SIZE): the run's
// pre-flight connection check (CurlTransport::tryConnect). Throws like CurlExchange.
void prepareConnectOnly(CURL* handle, const std::string& url, const TransportOptions& options, char* errorBuffer);

class CurlExchange {
 public:
  // Sets the options on `handle`. `request`, `options` and `aborted` must outlive the transfer
  // (libcurl keeps pointers to the body and the callback). `aborted` may be null; when it
  // returns true the transfer is abandoned. Throws std::runtime_error naming an option libcurl
  // rejected (nothing has been sent then).
  CurlExchange(CURL* handle, const HttpRequest& request, const TransportOptions& options,
               const std::function<bool()>* aborted);
  CurlExchange(const CurlExchange&) = delete;  // libcurl holds pointers into it
  CurlExchange& operator=(const CurlExchange&) = delete;

  // The response once the transfer ended with `rc` (transport errors become fields, never throws
  // for what the provider did).
  HttpResponse finish(CURLcode rc);

 private:
  CURL* h_;
  const TransportOptions& options_;
  ResponseCollector collector_;
  CurlHeaderList headers_;
  char errorBuffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace gpc::http
