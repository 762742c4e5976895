// `expect.transport`: how the exchange failed below HTTP, judged from the transport error only
// (an HTTP status, even an error status, means the handshake and connection succeeded), and its
// load-time shape.

#include <algorithm>
#include <cctype>

#include "runner/checks/check_result.h"
#include "runner/checks/expectation_kinds.h"
#include "runner/core/json_input.h"
#include "runner/core/load_error.h"

namespace gpc::checks {
namespace {

bool mentions(std::string text, const std::vector<std::string>& words) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return text.find(w) != std::string::npos; });
}

// libcurl/OpenSSL wording of a failed or rejected TLS handshake (alert, certificate, SSL connect
// error; TLS 1.3 reports a rejected client certificate on the first read as an SSL read error).
bool isHandshakeFailure(const std::string& error) {
  return mentions(error, {"ssl", "tls", "certificate", "handshake", "alert"});
}

bool isConnectionRefused(const std::string& error) {
  return mentions(error, {"couldn't connect", "could not connect", "connection refused"});
}

// The file name alone: a run's throwaway directory would make every report differ.
std::string fileName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// What the client offered, for the evidence: a refusal means little without it.
std::string describeOffer(const HttpRequest* request) {
  if (!request || !request->tls) return "";  // the target's own settings (the URL shows the scheme)
  const auto& t = *request->tls;
  std::string out = t.none ? "no client certificate"
                           : !t.identity.empty() ? "client identity " + t.identity
                                                 : t.clientCert.empty() ? "no client certificate"
                                                                        : "client certificate " + fileName(t.clientCert);
  if (!t.maxVersion.empty()) out += ", TLS <= " + t.maxVersion;
  if (!t.ciphers.empty()) out += ", ciphers " + t.ciphers;
  return out;
}

// A case presenting a client identity (none, a named one, or files) asks whether the provider
// refuses that identity. A provider that refuses the offered TLS version instead (e.g. one that
// speaks only TLS 1.3 when the case offers 1.2) has not answered that question.
bool refusedForVersionNotIdentity(const HttpRequest* request, const std::string& error) {
  if (!request || !request->tls) return false;
  const auto& t = *request->tls;
  const bool judgesIdentity = t.none || !t.identity.empty();
  const bool probesVersion = t.maxVersion == "1.0" || t.maxVersion == "1.1" || !t.ciphers.empty();
  return judgesIdentity && !probesVersion && mentions(error, {"protocol version"});
}

}  // namespace

void validateTransportSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  json_input::expect(v, json_input::Kind::String, file, ptr);
  if (v != "handshake-refused" && v != "connection-refused" && v != "not-served")
    throw LoadError(file, ptr, "expected \"handshake-refused\", \"connection-refused\" or \"not-served\"");
}

std::vector<CheckResult> checkTransport(const nlohmann::json& spec, const CheckContext& context) {
  const ResponseView& r = context.response;
  const auto want = spec.get<std::string>();
  const auto& error = r.response->transportError;
  const long status = r.response->status;
  bool ok = false;
  if (want == "not-served")  // closed, reset, refused, or an HTTP error or redirect: anything but content
    ok = status == 0 ? !error.empty() : (status < 200 || status >= 300);
  else if (status == 0 && !error.empty())
    ok = want == "handshake-refused" ? isHandshakeFailure(error) : isConnectionRefused(error);
  std::string actual = r.response->status != 0 ? "HTTP status " + std::to_string(r.response->status)
                                               : (error.empty() ? "no transport error" : error);
  if (ok && want == "handshake-refused" && refusedForVersionNotIdentity(r.request, error)) {
    ok = false;
    actual = "a refusal of the TLS version offered, so the client identity was never judged (" + error + ")";
  }
  const std::string offer = describeOffer(r.request);
  const std::string offered = offer.empty() ? "" : " [offered: " + offer + "]";
  return {makeResult("transport", "transport", ok,
                     ok ? want + ", as expected (" + (error.empty() ? actual : error) + ")" + offered
                        : "expected " + want + ", got " + actual + offered,
                     want, actual)};
}

}  // namespace gpc::checks
