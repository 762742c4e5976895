#include "runner/http/curl_exchange.h"

#include <algorithm>

#include <openssl/x509.h>

#include <stdexcept>
#include <string_view>

namespace gpc::http {

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

// The CURL_SSLVERSION_* range offering exactly up to `maxVersion` (suite request.tls.max_version).
long sslVersionRange(const std::string& maxVersion, bool ciphersGiven) {
  // libcurl's version and maximum constants are two unnamed enums meant to be OR-ed.
  const long min = CURL_SSLVERSION_TLSv1_0;
  if (maxVersion == "1.0") return min | long{CURL_SSLVERSION_MAX_TLSv1_0};
  if (maxVersion == "1.1") return min | long{CURL_SSLVERSION_MAX_TLSv1_1};
  // A TLS 1.2 cipher list says nothing about TLS 1.3 suites: without the cap a 1.3 handshake
  // would succeed with the library's own 1.3 suites and prove nothing about the list.
  if (maxVersion == "1.2" || ciphersGiven) return min | long{CURL_SSLVERSION_MAX_TLSv1_2};
  if (maxVersion == "1.3") return min | long{CURL_SSLVERSION_MAX_TLSv1_3};
  return CURL_SSLVERSION_DEFAULT;
}

// Per-request client side of TLS (suite request.tls): identity, highest version, cipher list.
void setTlsOverride(CURL* h, const TlsOverride& t) {
  set(h, CURLOPT_SSLCERT, t.none || t.clientCert.empty() ? nullptr : t.clientCert.c_str(), "SSLCERT");
  set(h, CURLOPT_SSLKEY, t.none || t.clientKey.empty() ? nullptr : t.clientKey.c_str(), "SSLKEY");
  set(h, CURLOPT_SSLVERSION, sslVersionRange(t.maxVersion, !t.ciphers.empty()), "SSLVERSION");
  // Old versions and weak suites are what these requests probe, so the client must be able to
  // offer them: security level 0 lifts OpenSSL's own floor (TLS 1.0/1.1 need SHA-1, NULL-MD5
  // needs no encryption). Whether the provider accepts them is the point of the case.
  const bool oldVersion = t.maxVersion == "1.0" || t.maxVersion == "1.1";
  if (!t.ciphers.empty() || oldVersion) {
    const std::string list = (t.ciphers.empty() ? std::string("DEFAULT") : t.ciphers) + ":@SECLEVEL=0";
    set(h, CURLOPT_SSL_CIPHER_LIST, list.c_str(), "SSL_CIPHER_LIST");  // curl copies the string
  }
  // Neither a pooled connection nor a cached session may stand in for the new handshake.
  set(h, CURLOPT_FRESH_CONNECT, 1L, "FRESH_CONNECT");
  set(h, CURLOPT_FORBID_REUSE, 1L, "FORBID_REUSE");
  set(h, CURLOPT_SSL_SESSIONID_CACHE, 0L, "SSL_SESSIONID_CACHE");
}

// libcurl results that mean the client could not even attempt the exchange as asked: an
// unusable local certificate or key, a cipher list the library refuses, an option it lacks.
bool isClientFailure(CURLcode rc) {
  switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_FAILED_INIT:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_OUT_OF_MEMORY:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_UNKNOWN_OPTION:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return true;
    default:
      return false;
  }
}

// libcurl reports both "we refused the provider's certificate" and "the provider refused ours
// with a certificate alert" (expired, ...) as CURLE_PEER_FAILED_VERIFICATION (and some of the
// first as a plain CURLE_SSL_CONNECT_ERROR). Only the second is evidence of a refused
// handshake; the first means the target's CA bundle (or the provider's certificate) is wrong,
// so nothing about the provider's client checks was learnt. Without verification (tls.verify
// false) the client refuses nothing, whatever the verify result says.
void explainVerificationFailure(CURL* h, bool verifying, HttpResponse& response) {
  long verifyResult = X509_V_OK;
  if (verifying) curl_easy_getinfo(h, CURLINFO_SSL_VERIFYRESULT, &verifyResult);
  // X509_V_ERR_UNSPECIFIED is what OpenSSL leaves when the handshake ended (on the provider's
  // alert) before a verdict on the provider's certificate; a real rejection names its reason.
  if (verifyResult != X509_V_OK && verifyResult != X509_V_ERR_UNSPECIFIED) {
    response.clientFailure = true;
    response.transportError = "the provider's TLS certificate was not accepted (" +
                              std::string(X509_verify_cert_error_string(verifyResult)) +
                              "; check the target's tls.ca_bundle): " + response.transportError;
  } else if (response.transportError.find("not OK") != std::string::npos) {
    response.transportError += " (a certificate alert from the provider, not a rejection of its certificate)";
  }
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

// CURLOPT_XFERINFOFUNCTION: non-zero aborts the transfer.
int onProgress(void* aborted, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return (*static_cast<const std::function<bool()>*>(aborted))() ? 1 : 0;
}

CurlHeaderList buildHeaderList(const HttpRequest& request) {
  CurlHeaderList list;
  for (const auto& d : kCurlDefaults)
    if (!hasHeader(request.headers, d)) list.suppress(std::string(d));
  for (const auto& header : request.headers) list.add(header);
  return list;
}

}  // namespace

void prepareConnectOnly(CURL* h, const std::string& url, const TransportOptions& options, char* errorBuffer) {
  set(h, CURLOPT_URL, url.c_str(), "URL");
  setConnection(h, options);
  setTls(h, options);
  set(h, CURLOPT_CONNECT_ONLY, 1L, "CONNECT_ONLY");
  set(h, CURLOPT_ERRORBUFFER, errorBuffer, "ERRORBUFFER");
}

CurlExchange::CurlExchange(CURL* handle, const HttpRequest& request, const TransportOptions& options,
                           const std::function<bool()>* aborted)
    : h_(handle), options_(options), collector_(options.maxResponseBytes), headers_(buildHeaderList(request)) {
  CURL* h = h_;
  set(h, CURLOPT_URL, request.url.c_str(), "URL");
  setMethodAndBody(h, request);
  set(h, CURLOPT_HTTPHEADER, headers_.get(), "HTTPHEADER");
  // Decoding is switched on only when the request itself asked for an encoding: a provider
  // that compresses unasked is then visible in the evidence.
  if (options_.acceptGzip || hasHeader(request.headers, "Accept-Encoding"))
    set(h, CURLOPT_ACCEPT_ENCODING, "", "ACCEPT_ENCODING");
  setConnection(h, options_);
  setTls(h, options_);
  if (request.tls) setTlsOverride(h, *request.tls);
  set(h, CURLOPT_ERRORBUFFER, errorBuffer_, "ERRORBUFFER");
  set(h, CURLOPT_HEADERFUNCTION, &onHeader, "HEADERFUNCTION");
  set(h, CURLOPT_HEADERDATA, static_cast<void*>(&collector_), "HEADERDATA");
  set(h, CURLOPT_WRITEFUNCTION, &onBody, "WRITEFUNCTION");
  set(h, CURLOPT_WRITEDATA, static_cast<void*>(&collector_), "WRITEDATA");
  if (aborted) {
    set(h, CURLOPT_XFERINFOFUNCTION, &onProgress, "XFERINFOFUNCTION");
    set(h, CURLOPT_XFERINFODATA, const_cast<void*>(static_cast<const void*>(aborted)), "XFERINFODATA");
    set(h, CURLOPT_NOPROGRESS, 0L, "NOPROGRESS");
  }
}

HttpResponse CurlExchange::finish(CURLcode rc) {
  CURL* h = h_;
  HttpResponse response;
  long status = 0;
  long version = 0;
  curl_off_t totalMicros = 0;
  curl_off_t connectMicros = 0, appConnectMicros = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &version);
  curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &totalMicros);
  // Set-up ends once DNS, TCP and TLS are done (about 0 on a reused connection). Not
  // PRETRANSFER: on a multi handle (the load driver) libcurl stamps it when it next gets to the
  // transfer, often after the answer has arrived, which made 6 ms answers read as 0.02 ms.
  curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connectMicros);
  curl_easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &appConnectMicros);
  const curl_off_t setupMicros = std::max(connectMicros, appConnectMicros);
  response.status = status;
  response.httpVersion = httpVersionName(version);
  response.elapsedMs = static_cast<double>(totalMicros) / 1000.0;
  if (status != 0 && totalMicros >= setupMicros)
    response.providerMs = static_cast<double>(totalMicros - setupMicros) / 1000.0;
  response.headers = std::move(collector_.headers());
  response.body = std::move(collector_.body());
  response.bodyTruncated = collector_.truncated();
  response.contentEncoding = headerValue(response.headers, "Content-Encoding");
  const bool cutByUs = rc == CURLE_WRITE_ERROR && response.bodyTruncated;
  if (rc == CURLE_ABORTED_BY_CALLBACK) {
    response.transportError = "abandoned: the run was interrupted";
  } else if (rc != CURLE_OK && !cutByUs) {
    response.transportError = curl_easy_strerror(rc);
    if (errorBuffer_[0] != '\0') response.transportError += std::string(": ") + errorBuffer_;
    response.clientFailure = isClientFailure(rc);
    if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR)
      explainVerificationFailure(h, options_.verifyPeer, response);
  }
  return response;
}

}  // namespace gpc::http
