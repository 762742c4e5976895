#include "hostile_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <functional>
#include <map>
#include <stdexcept>

namespace gpc::testing {

namespace {

using namespace std::chrono_literals;
constexpr std::uint64_t kGiB = 1ull << 30;

// One accepted connection. Every wait is short and re-checks `stopping`, so the server's
// destructor ends every behaviour within a fraction of a second.
class Peer {
 public:
  Peer(int fd, const std::atomic<bool>& stopping) : fd_(fd), stopping_(stopping) {}

  // False once the client has gone or the server is stopping.
  bool send(std::string_view data) {
    while (!data.empty()) {
      pollfd p{fd_, POLLOUT, 0};
      if (stopping_) return false;
      const int ready = ::poll(&p, 1, 100);
      if (ready < 0 || (ready > 0 && (p.revents & (POLLERR | POLLHUP)))) return false;
      if (ready == 0) continue;
      const auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads up to the blank line ending the request head; empty when nothing like HTTP came
  // (a TLS ClientHello) within a second.
  std::string readHead() {
    std::string head;
    const auto deadline = std::chrono::steady_clock::now() + 1s;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && !stopping_ && std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      head.append(buffer, static_cast<std::size_t>(n));
      if (!head.empty() && (head[0] < 'A' || head[0] > 'Z')) return {};  // not an HTTP method
    }
    return head.find("\r\n\r\n") == std::string::npos ? std::string() : head;
  }

  // Holds the connection open, answering nothing, until the client or the server gives up.
  void holdSilently() {
    char buffer[1024];
    while (!stopping_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      if (::recv(fd_, buffer, sizeof buffer, 0) <= 0) return;
    }
  }

  void pause(std::chrono::milliseconds total) {
    for (auto waited = 0ms; waited < total && !stopping_; waited += 50ms) std::this_thread::sleep_for(50ms);
  }

 private:
  int fd_;
  const std::atomic<bool>& stopping_;
};

const std::string kCapabilityHead = R"({"resourceType":"CapabilityStatement","status":"active","kind":"instance","fhirVersion":"3.0.1")";

std::string head(const std::string& status, const std::string& headers) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n";
}

std::string jsonAnswer(const std::string& body, const std::string& extraHeaders = "") {
  return head("200 OK", "Content-Type: application/fhir+json;charset=utf-8\r\nCache-Control: no-store\r\n" +
                            extraHeaders + "Content-Length: " + std::to_string(body.size()) + "\r\n") +
         body;
}

void dribble(Peer& peer) {
  const std::string answer = jsonAnswer(kCapabilityHead + "}");
  for (char c : answer) {
    if (!peer.send(std::string_view(&c, 1))) return;
    peer.pause(1000ms);
  }
}

void closeMidBody(Peer& peer) {
  const std::string part = kCapabilityHead + R"(,"name":")" + std::string(1000, 'x');
  peer.send(head("200 OK", "Content-Type: application/fhir+json\r\nContent-Length: 100000\r\n") + part);
}

void hugeBody(Peer& peer) {
  if (!peer.send(head("200 OK", "Content-Type: application/fhir+json\r\nContent-Length: " + std::to_string(kGiB) + "\r\n")))
    return;
  const std::string block(1 << 16, ' ');  // JSON whitespace: the body would still parse were it whole
  for (std::uint64_t sent = 0; sent < kGiB; sent += block.size())
    if (!peer.send(block)) return;
}

// 1 GiB of JSON whitespace, gzip-compressed as it is sent (about 1 MB on the wire), so the
// bomb costs the server nothing the client does not ask for.
void gzipBomb(Peer& peer) {
  if (!peer.send(head("200 OK", "Content-Type: application/fhir+json\r\nContent-Encoding: gzip\r\nConnection: close\r\n")))
    return;
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return;
  std::string in(1 << 20, ' ');
  std::string out(1 << 16, '\0');
  bool open = true;
  for (std::uint64_t fed = 0; open && fed < kGiB; fed += in.size()) {
    const int flush = fed + in.size() >= kGiB ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      deflate(&z, flush);
      const std::size_t produced = out.size() - z.avail_out;
      if (produced > 0 && !peer.send(std::string_view(out.data(), produced))) open = false;
    } while (open && z.avail_out == 0);
  }
  deflateEnd(&z);
}

void badChunked(Peer& peer) {
  peer.send(head("200 OK", "Content-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\n") +
            "zz\r\n" + kCapabilityHead + "}\r\n0\r\n\r\n");
}

void badUtf8(Peer& peer) {
  std::string body = kCapabilityHead + R"(,"name":"bad )";
  body += "\xff\xfe\xc3\x28 nul:";
  body += '\0';
  body += R"( end","publisher":"\u0000 escaped nul"})";
  std::string header = "X-Bad-Bytes: \xff\xfe";
  peer.send(jsonAnswer(body, header + "\r\n"));
}

void deepJson(Peer& peer) {
  constexpr int kDepth = 100000;
  peer.send(jsonAnswer(kCapabilityHead + R"(,"extension":)" + std::string(kDepth, '[') + std::string(kDepth, ']') + "}"));
}

void manyHeaders(Peer& peer) {
  std::string headers = "Content-Type: application/fhir+json\r\nCache-Control: no-store\r\n";
  for (int i = 0; i < 10000; ++i) headers += "X-Filler-" + std::to_string(i) + ": value\r\n";
  const std::string body = kCapabilityHead + "}";
  peer.send(head("200 OK", headers + "Content-Length: " + std::to_string(body.size()) + "\r\n") + body);
}

// Markup a report must show as text: a script element, a closing script tag that would end an
// inline <script> block early, event-handler attributes, and U+2028 (a line terminator in
// pre-ES2019 JavaScript string literals), in the body and in headers.
void script(Peer& peer) {
  const std::string payload =
      "<script>" + std::string(kXssMark) + "</script></script><img src=x onerror=\"" + std::string(kXssMark) +
      "\"><svg onload=" + std::string(kXssMark) + ">\xe2\x80\xa8\xe2\x80\xa9'\"";
  std::string escaped;
  for (char c : payload) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
  const std::string body = kCapabilityHead + R"(,"name":")" + escaped + R"("})";
  peer.send(jsonAnswer(body, "X-Evil: " + payload + "\r\nX-Evil-Close: </script><script>window.__gpcXss=4</script>\r\n"));
}

// An XML resource whose DOCTYPE declares an external entity reading /etc/passwd.
void xxe(Peer& peer) {
  const std::string body = R"(<?xml version="1.0"?>
<!DOCTYPE CapabilityStatement [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<CapabilityStatement xmlns="http://hl7.org/fhir"><status value="active"/><publisher value="&xxe;"/>
<kind value="instance"/><fhirVersion value="3.0.1"/><acceptUnknown value="no"/><format value="xml"/></CapabilityStatement>)";
  peer.send(head("200 OK", "Content-Type: application/fhir+xml;charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n") +
            body);
}

const std::map<std::string, std::function<void(Peer&)>>& table() {
  static const std::map<std::string, std::function<void(Peer&)>> behaviours = {
      {"dribble", dribble},     {"silent", [](Peer& p) { p.holdSilently(); }},
      {"close-mid-body", closeMidBody}, {"huge-body", hugeBody},
      {"gzip-bomb", gzipBomb},  {"bad-chunked", badChunked},
      {"bad-utf8", badUtf8},    {"deep-json", deepJson},
      {"many-headers", manyHeaders}, {"script", script},
      {"xxe", xxe},
  };
  return behaviours;
}

std::string requestPath(const std::string& head) {
  const auto start = head.find(' ');
  const auto end = head.find(' ', start + 1);
  if (start == std::string::npos || end == std::string::npos) return {};
  return head.substr(start + 1, end - start - 1);
}

}  // namespace

HostileServer::HostileServer() {
  listenFd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listenFd_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listenFd_, 64) != 0) {
    ::close(listenFd_);
    throw std::runtime_error("cannot listen on loopback");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { acceptLoop(); });
}

HostileServer::~HostileServer() {
  stopping_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  std::lock_guard lock(mutex_);
  for (auto& t : connections_)
    if (t.joinable()) t.join();
  ::close(listenFd_);
}

std::string HostileServer::foundations() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/B82617/STU3/1/gpconnect";
}

void HostileServer::acceptLoop() {
  while (!stopping_) {
    pollfd p{listenFd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int fd = ::accept(listenFd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    connections_.emplace_back([this, fd] { serve(fd); });
  }
}

void HostileServer::serve(int fd) {
  Peer peer(fd, stopping_);
  const std::string request = peer.readHead();
  if (request.empty()) {
    // Not HTTP (e.g. a TLS ClientHello on this plain port): answer as a plain server would.
    peer.send(head("400 Bad Request", "Content-Type: text/plain\r\nConnection: close\r\nContent-Length: 11\r\n") +
              "not http/1\n");
  } else {
    const std::string path = requestPath(request);
    const auto slash = path.rfind('/');
    const auto found = table().find(slash == std::string::npos ? path : path.substr(slash + 1));
    if (found != table().end()) {
      found->second(peer);
    } else {
      peer.send(head("404 Not Found", "Content-Length: 0\r\n"));
    }
  }
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

}  // namespace gpc::testing
