#include "runner/target/preflight.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "runner/core/load_error.h"
#include "runner/target/url.h"

namespace gpc {
namespace {

// "" when the file can be opened and holds something, else the reason.
std::string unreadableBecause(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::strerror(errno);
  if (in.peek() == std::ifstream::traits_type::eof()) return "empty or not a regular file";
  return "";
}

void checkFile(const Target& target, const std::string& path, const std::string& pointer, const char* what) {
  if (path.empty()) return;
  if (const auto reason = unreadableBecause(path); !reason.empty())
    throw LoadError(target.file, pointer, std::string("cannot read the ") + what + " " + path + ": " + reason);
}

// "https://host/path" -> "http://host:443/path": the same TCP connection, no handshake.
std::string withoutTls(const std::string& url) {
  auto parts = splitUrl(url);
  if (!parts || url.rfind("https://", 0) != 0) return url;
  const std::string authority = parts->origin.substr(8);
  const auto closingBracket = authority.rfind(']');  // an IPv6 literal's colons are not a port
  const auto colon = authority.find(':', closingBracket == std::string::npos ? 0 : closingBracket);
  return "http://" + authority + (colon == std::string::npos ? ":443" : "") + parts->rest;
}

}  // namespace

void checkTlsFilesReadable(const Target& target) {
  const TransportOptions& tls = target.transport;
  checkFile(target, tls.caBundle, "/tls/ca_bundle", "CA bundle");
  checkFile(target, tls.clientCert, "/tls/client_cert", "client certificate");
  checkFile(target, tls.clientKey, "/tls/client_key", "client key");
  for (const auto& [name, identity] : target.tlsIdentities) {
    const std::string pointer = "/tls/identities/" + name;
    checkFile(target, identity.clientCert, pointer + "/client_cert", "client certificate");
    checkFile(target, identity.clientKey, pointer + "/client_key", "client key");
  }
}

std::string connectUrl(const Target& target, const std::string& group) {
  const auto it = target.endpoints.find(group);
  if (it == target.endpoints.end()) return "";
  if (group == "tls") return withoutTls(it->second);
  // As the request builder composes it: the SSP is what is connected to when there is one.
  return target.sspPrefix.empty() ? it->second : target.sspPrefix + "/" + it->second;
}

std::vector<UnreachableGroup> unreachableGroups(const Target& target, const std::set<std::string>& groups,
                                                const ConnectProbe& connect) {
  std::vector<UnreachableGroup> unreachable;
  for (const auto& group : groups) {
    const std::string url = connectUrl(target, group);
    if (url.empty()) continue;  // no endpoint: its cases are skipped with that reason
    if (auto reason = connect(url); !reason.empty()) unreachable.push_back({group, url, std::move(reason)});
  }
  return unreachable;
}

std::string describeUnreachable(const std::vector<UnreachableGroup>& unreachable) {
  std::string text;
  for (const auto& u : unreachable) text += (text.empty() ? "  " : "\n  ") + u.group + " endpoint " + u.url + ": " + u.reason;
  return text;
}

}  // namespace gpc
