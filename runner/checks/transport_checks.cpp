// `expect.transport`: how the exchange failed below HTTP, judged from the transport error only
// (an HTTP status, even an error status, means the handshake and connection succeeded).

#include <algorithm>
#include <cctype>

#include "runner/checks/check_result.h"
#include "runner/checks/expectations.h"

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

}  // namespace

std::vector<CheckResult> checkTransport(const nlohmann::json& spec, const ResponseView& r) {
  const auto want = spec.get<std::string>();
  const auto& error = r.response->transportError;
  const long status = r.response->status;
  bool ok = false;
  if (want == "not-served")  // closed, reset, refused, or an HTTP error or redirect: anything but content
    ok = status == 0 ? !error.empty() : (status < 200 || status >= 300);
  else if (status == 0 && !error.empty())
    ok = want == "handshake-refused" ? isHandshakeFailure(error) : isConnectionRefused(error);
  const std::string actual = r.response->status != 0 ? "HTTP status " + std::to_string(r.response->status)
                                                     : (error.empty() ? "no transport error" : error);
  return {makeResult("transport", "transport", ok,
                     ok ? want + ", as expected (" + (error.empty() ? actual : error) + ")"
                        : "expected " + want + ", got " + actual,
                     want, actual)};
}

}  // namespace gpc::checks
