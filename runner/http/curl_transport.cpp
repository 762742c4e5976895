#include "runner/http/curl_transport.h"

#include <mutex>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "runner/http/curl_handle.h"
#include "runner/http/response_parser.h"

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

namespace {

// Headers curl adds on its own unless told not to. A case that omits one must see it absent.
constexpr std::string_view kCurlDefaults[] = {"Accept", "Expect", "Content-Type"};

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<ResponseCollector*>(user)->headerLine(std::string_view(data, size * count));
  return size * count;
}

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
  const bool keepGoing = static_cast<ResponseCollector*>(user)->bodyChunk(std::string_view(data, size * count));
  return keepGoing ? size * count : 0;  // 0 aborts the transfer with CURLE_WRITE_ERROR
}

std::string httpVersionName(long version) {
  switch (version) {
    case CURL_HTTP_VERSION_1_0: return "1.0";
    case CURL_HTTP_VERSION_1_1: return "1.1";
    case CURL_HTTP_VERSION_2_0: return "2";
#ifdef CURL_HTTP_VERSION_3
    case CURL_HTTP_VERSION_3: return "3";
#endif
    default: return {};
  }
}

// curl_easy_setopt is a variadic macro over a C function; one checked wrapper keeps the
// option list readable and turns a rejected option into a clear error.
template <typename T>
void set(CURL* h, CURLoption option, T value, const char* what) {
  const CURLcode rc = curl_easy_setopt(h, option, value);
  if (rc != CURLE_OK) throw std::runtime_error(std::string("libcurl rejected ") + what + ": " + curl_easy_strerror(rc));
}

void setMethodAndBody(CURL* h, const HttpRequest& request) {
  const std::string& method = request.method.empty() ? std::string("GET") : request.method;
  if (method == "HEAD") {
    set(h, CURLOPT_NOBODY, 1L, "NOBODY");
  } else if (method == "GET" && request.body.empty()) {
    set(h, CURLOPT_HTTPGET, 1L, "HTTPGET");
  } else {
    // Any token goes on the wire as given (PATCH, OPTIONS, or a deliberately invalid verb).
    set(h, CURLOPT_CUSTOMREQUEST, method.c_str(), "CUSTOMREQUEST");
  }
  if (!request.body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    set(h, CURLOPT_POSTFIELDS, request.body.data(), "POSTFIELDS");
    set(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()), "POSTFIELDSIZE");
  }
}

void setTls(CURL* h, const TransportOptions& o) {
  set(h, CURLOPT_SSL_VERIFYPEER, o.verifyPeer ? 1L : 0L, "SSL_VERIFYPEER");
  set(h, CURLOPT_SSL_VERIFYHOST, o.verifyPeer ? 2L : 0L, "SSL_VERIFYHOST");
  if (!o.caBundle.empty()) set(h, CURLOPT_CAINFO, o.caBundle.c_str(), "CAINFO");
  // Set every time (null when none): pooled handles keep a previous request's override otherwise.
  set(h, CURLOPT_SSLCERT, o.clientCert.empty() ? nullptr : o.clientCert.c_str(), "SSLCERT");
  set(h, CURLOPT_SSLKEY, o.clientKey.empty() ? nullptr : o.clientKey.c_str(), "SSLKEY");
  set(h, CURLOPT_FRESH_CONNECT, 0L, "FRESH_CONNECT");
  set(h, CURLOPT_SSL_SESSIONID_CACHE, 1L, "SSL_SESSIONID_CACHE");
  if (!o.clientKeyPassword.empty()) set(h, CURLOPT_KEYPASSWD, o.clientKeyPassword.c_str(), "KEYPASSWD");
}

void setConnection(CURL* h, const TransportOptions& o) {
  set(h, CURLOPT_NOSIGNAL, 1L, "NOSIGNAL");  // no SIGALRM from worker threads
  set(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connectTimeoutSeconds * 1000), "CONNECTTIMEOUT");
  set(h, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeoutSeconds * 1000), "TIMEOUT");
  set(h, CURLOPT_PATH_AS_IS, 1L, "PATH_AS_IS");  // send "/../" and friends untouched
  set(h, CURLOPT_FOLLOWLOCATION, 0L, "FOLLOWLOCATION");  // a redirect is evidence, not a hop
  // Only the target file's proxy: an http_proxy in the environment must not silently reroute
  // assurance traffic.
  set(h, CURLOPT_PROXY, o.proxy.c_str(), "PROXY");
}

CurlHeaderList buildHeaderList(const HttpRequest& request) {
  CurlHeaderList list;
  for (const auto& d : kCurlDefaults)
    if (!hasHeader(request.headers, d)) list.suppress(std::string(d));
  for (const auto& header : request.headers) list.add(header);
  return list;
}

}  // namespace

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
  CURL* h = handle.get();
  ResponseCollector collector(options_.maxResponseBytes);
  char errorBuffer[CURL_ERROR_SIZE] = {};
  CURLcode rc = CURLE_OK;
  try {
    const CurlHeaderList headers = buildHeaderList(request);
    set(h, CURLOPT_URL, request.url.c_str(), "URL");
    setMethodAndBody(h, request);
    set(h, CURLOPT_HTTPHEADER, headers.get(), "HTTPHEADER");
    // Decoding is switched on only when the request itself asked for an encoding: a provider
    // that compresses unasked is then visible in the evidence.
    if (options_.acceptGzip || hasHeader(request.headers, "Accept-Encoding"))
      set(h, CURLOPT_ACCEPT_ENCODING, "", "ACCEPT_ENCODING");
    setConnection(h, options_);
    setTls(h, options_);
    if (request.tls) {  // per-request client identity (suite request.tls)
      const auto& t = *request.tls;
      set(h, CURLOPT_SSLCERT, t.none ? nullptr : t.clientCert.c_str(), "SSLCERT");
      set(h, CURLOPT_SSLKEY, t.none ? nullptr : t.clientKey.c_str(), "SSLKEY");
      // Neither a pooled connection nor a cached session may stand in for the new handshake.
      set(h, CURLOPT_FRESH_CONNECT, 1L, "FRESH_CONNECT");
      set(h, CURLOPT_SSL_SESSIONID_CACHE, 0L, "SSL_SESSIONID_CACHE");
    }
    set(h, CURLOPT_ERRORBUFFER, errorBuffer, "ERRORBUFFER");
    set(h, CURLOPT_HEADERFUNCTION, &onHeader, "HEADERFUNCTION");
    set(h, CURLOPT_HEADERDATA, static_cast<void*>(&collector), "HEADERDATA");
    set(h, CURLOPT_WRITEFUNCTION, &onBody, "WRITEFUNCTION");
    set(h, CURLOPT_WRITEDATA, static_cast<void*>(&collector), "WRITEDATA");
    rc = curl_easy_perform(h);
  } catch (const std::exception& e) {
    response.transportError = e.what();
    pool_->giveBack(std::move(handle));
    return response;
  }

  long status = 0;
  long version = 0;
  curl_off_t totalMicros = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &version);
  curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &totalMicros);
  response.status = status;
  response.httpVersion = httpVersionName(version);
  response.elapsedMs = static_cast<double>(totalMicros) / 1000.0;
  response.headers = std::move(collector.headers());
  response.body = std::move(collector.body());
  response.bodyTruncated = collector.truncated();
  response.contentEncoding = headerValue(response.headers, "Content-Encoding");
  const bool cutByUs = rc == CURLE_WRITE_ERROR && response.bodyTruncated;
  if (rc != CURLE_OK && !cutByUs) {
    response.transportError = curl_easy_strerror(rc);
    if (errorBuffer[0] != '\0') response.transportError += std::string(": ") + errorBuffer;
  }
  // A truncated transfer leaves its connection unusable; curl closes it itself.
  pool_->giveBack(std::move(handle));
  return response;
}

}  // namespace gpc::http
