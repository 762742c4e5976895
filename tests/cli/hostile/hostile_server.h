#pragma once
// A loopback HTTP "provider" that misbehaves on purpose, one way per request path
// (/hostile/<behaviour>), for tests proving the harness turns whatever a provider does into a
// verdict with evidence. Every connection is served on its own thread; all of them stop (and
// their sockets close) when the server is destroyed, so a behaviour that never ends (dribbling,
// silence, an endless body) cannot outlive its test.

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace gpc::testing {

// What the XSS payload's scripts would do: mark the document, so a browser test can tell.
inline constexpr std::string_view kXssMark = "document.documentElement.setAttribute('data-gpc-xss','ran')";

class HostileServer {
 public:
  HostileServer();  // listens on 127.0.0.1 at once
  ~HostileServer();
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  int port() const { return port_; }
  // The foundations service root the target file names; cases add /hostile/<behaviour>.
  std::string foundations() const;

  // Behaviours, by the path's last segment: dribble, silent, close-mid-body, huge-body,
  // gzip-bomb, bad-chunked, bad-utf8, deep-json, many-headers, script (an XSS payload whose
  // every script, if one ever ran, would run kXssMark), xxe (XML with an external entity).
  // Any other path: 404; a request that is not HTTP at all (TLS): a plain-text 400.

 private:
  void acceptLoop();
  void serve(int fd);
  int listenFd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace gpc::testing
