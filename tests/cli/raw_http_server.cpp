#include "raw_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace gpc::testing {

namespace {
int bindLoopback(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("bind failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

std::size_t contentLength(const std::string& head) {
  for (const char* name : {"\r\nContent-Length:", "\r\ncontent-length:"}) {
    const auto at = head.find(name);
    if (at != std::string::npos) return std::strtoul(head.c_str() + at + std::string(name).size(), nullptr, 10);
  }
  return 0;
}
}  // namespace

RawHttpServer::RawHttpServer(std::string response) : response_(std::move(response)) {
  listenFd_ = bindLoopback(port_);
  ::listen(listenFd_, 4);
  thread_ = std::thread([this] { serveOne(); });
}

RawHttpServer::~RawHttpServer() {
  if (thread_.joinable()) thread_.join();
  ::close(listenFd_);
}

std::string RawHttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

const std::string& RawHttpServer::request() {
  if (thread_.joinable()) thread_.join();
  return request_;
}

void RawHttpServer::serveOne() {
  // Bounded: a test that never connects must not hang the suite.
  pollfd p{listenFd_, POLLIN, 0};
  if (::poll(&p, 1, 5000) <= 0) return;
  const int fd = ::accept(listenFd_, nullptr, nullptr);
  if (fd < 0) return;
  char buffer[4096];
  for (;;) {
    const auto headEnd = request_.find("\r\n\r\n");
    if (headEnd != std::string::npos &&
        request_.size() >= headEnd + 4 + contentLength(request_.substr(0, headEnd + 2)))
      break;
    pollfd c{fd, POLLIN, 0};
    if (::poll(&c, 1, 5000) <= 0) break;
    const auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    request_.append(buffer, static_cast<std::size_t>(n));
  }
  std::size_t sent = 0;
  while (sent < response_.size()) {
    const auto n = ::send(fd, response_.data() + sent, response_.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

int unusedLoopbackPort() {
  int port = 0;
  const int fd = bindLoopback(port);
  ::close(fd);
  return port;
}

}  // namespace gpc::testing
