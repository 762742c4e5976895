#pragma once
// A one-shot TCP server on 127.0.0.1 for tests that must see the request bytes exactly as they
// went on the wire (header order, case, duplicates, method tokens) and answer with bytes the
// test chose (duplicate response headers in a fixed order). httplib normalises both.

#include <string>
#include <thread>

namespace gpc::testing {

class RawHttpServer {
 public:
  // Starts listening at once; serves one connection on a background thread: reads one request
  // (header block plus Content-Length bytes) and writes `response` verbatim.
  explicit RawHttpServer(std::string response);
  ~RawHttpServer();
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path = "/") const;
  // The request received (waits for the server thread to finish).
  const std::string& request();

 private:
  void serveOne();
  std::string response_;
  std::string request_;
  int listenFd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

// A port nothing listens on (bound then released; good enough for a refused-connection test).
int unusedLoopbackPort();

}  // namespace gpc::testing
