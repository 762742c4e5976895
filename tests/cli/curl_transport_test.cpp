// CurlTransport against real loopback servers: httplib for behaviour, RawHttpServer for the
// exact bytes on the wire.
#include "runner/http/curl_transport.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "raw_http_server.h"
#include "runner/http/response_parser.h"

namespace gpc::http {
namespace {

using gpc::testing::RawHttpServer;

// An httplib server on a free loopback port, stopped and joined on scope exit.
class LocalServer {
 public:
  LocalServer() {
    server.set_keep_alive_max_count(1000);
  }
  void start() {
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LocalServer() {
    server.stop();
    if (thread.joinable()) thread.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
  httplib::Server server;
  int port = 0;
  std::thread thread;
};

std::string gzipped(const std::string& text) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(compressBound(static_cast<uLong>(text.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

HttpRequest get(const std::string& url, Headers headers = {}) { return {"GET", url, std::move(headers), "", std::nullopt}; }

TEST(CurlTransport, ReturnsStatusHeadersBodyVersionAndTime) {
  LocalServer s;
  s.server.Get("/metadata", [](const httplib::Request&, httplib::Response& res) {
    res.status = 201;
    res.set_header("Cache-Control", "no-store");
    res.set_content("{\"resourceType\":\"CapabilityStatement\"}", "application/fhir+json;charset=utf-8");
  });
  s.start();
  CurlTransport t({});
  const HttpResponse r = t.send(get(s.url("/metadata")));
  EXPECT_EQ(r.transportError, "");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.httpVersion, "1.1");
  EXPECT_EQ(r.body, "{\"resourceType\":\"CapabilityStatement\"}");
  EXPECT_EQ(headerValue(r.headers, "cache-control"), "no-store");
  EXPECT_EQ(headerValue(r.headers, "Content-Type"), "application/fhir+json;charset=utf-8");
  EXPECT_GT(r.elapsedMs, 0.0);
  EXPECT_FALSE(r.bodyTruncated);
}

TEST(CurlTransport, SendsHeadersExactlyAsGivenWithoutCurlDefaults) {
  RawHttpServer raw("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  CurlTransport t({});
  const HttpResponse r = t.send(get(raw.url("/x?_format=json"),
                                    {{"ssp-traceid", "a"}, {"Ssp-From", "1"}, {"Ssp-From", "2"}, {"X-Empty", ""}}));
  ASSERT_EQ(r.transportError, "");
  const std::string& wire = raw.request();
  EXPECT_EQ(wire.rfind("GET /x?_format=json HTTP/1.1\r\n", 0), 0u) << wire;
  const auto a = wire.find("\r\nssp-traceid: a\r\n");
  const auto b = wire.find("\r\nSsp-From: 1\r\n");
  const auto c = wire.find("\r\nSsp-From: 2\r\n");
  ASSERT_NE(a, std::string::npos) << wire;
  ASSERT_NE(b, std::string::npos) << wire;
  ASSERT_NE(c, std::string::npos) << wire;
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_NE(wire.find("\r\nX-Empty:\r\n"), std::string::npos) << wire;
  EXPECT_EQ(wire.find("Accept:"), std::string::npos) << "curl's default Accept leaked: " << wire;
  EXPECT_EQ(wire.find("Accept-Encoding"), std::string::npos) << wire;
}

TEST(CurlTransport, PostWithoutContentTypeSendsNoneAndNoExpect) {
  RawHttpServer raw("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  CurlTransport t({});
  const std::string body(2 << 20, 'x');  // large enough that curl would add Expect: 100-continue
  const HttpResponse r = t.send({"POST", raw.url("/Patient/$gpc.getstructuredrecord"), {}, body, std::nullopt});
  ASSERT_EQ(r.transportError, "");
  const std::string& wire = raw.request();
  const std::string head = wire.substr(0, wire.find("\r\n\r\n"));
  EXPECT_EQ(head.find("Content-Type"), std::string::npos) << head;
  EXPECT_EQ(head.find("Expect"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Length: " + std::to_string(body.size())), std::string::npos) << head;
  EXPECT_EQ(wire.size() - head.size() - 4, body.size());
}

TEST(CurlTransport, KeepsResponseHeaderOrderAndDuplicates) {
  RawHttpServer raw(
      "HTTP/1.1 200 OK\r\nX-B: 1\r\nx-a: 2\r\nX-B: 3\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
  CurlTransport t({});
  const HttpResponse r = t.send(get(raw.url()));
  ASSERT_EQ(r.transportError, "");
  ASSERT_GE(r.headers.size(), 3u);
  EXPECT_EQ(r.headers[0].name, "X-B");
  EXPECT_EQ(r.headers[0].value, "1");
  EXPECT_EQ(r.headers[1].name, "x-a");
  EXPECT_EQ(r.headers[2].name, "X-B");
  EXPECT_EQ(r.headers[2].value, "3");
  EXPECT_EQ(r.body, "ok");
}

TEST(CurlTransport, SendsAnyMethodToken) {
  for (const std::string method : {"PATCH", "OPTIONS", "DELETE", "BREW"}) {
    RawHttpServer raw("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    CurlTransport t({});
    const HttpResponse r = t.send({method, raw.url("/Patient/1"), {}, "", std::nullopt});
    EXPECT_EQ(r.status, 405) << method << ": " << r.transportError;
    EXPECT_EQ(raw.request().rfind(method + " /Patient/1 HTTP/1.1\r\n", 0), 0u) << raw.request();
  }
}

TEST(CurlTransport, DecodesGzipOnlyWhenTheRequestAskedForIt) {
  const std::string text(5000, 'a');
  const std::string packed = gzipped(text);
  LocalServer s;
  s.server.Get("/gz", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(packed, "application/fhir+json");
  });
  s.start();
  CurlTransport t({});
  const HttpResponse asked = t.send(get(s.url("/gz"), {{"Accept-Encoding", "gzip"}}));
  ASSERT_EQ(asked.transportError, "");
  EXPECT_EQ(asked.body, text);
  EXPECT_EQ(asked.contentEncoding, "gzip");
  const HttpResponse unasked = t.send(get(s.url("/gz")));
  ASSERT_EQ(unasked.transportError, "");
  EXPECT_EQ(unasked.body, packed) << "a provider compressing unasked must stay visible";
}

TEST(CurlTransport, TotalTimeoutIsATransportError) {
  std::mutex m;
  std::condition_variable cv;
  bool released = false;
  LocalServer s;
  s.server.Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock lock(m);
    cv.wait_for(lock, std::chrono::seconds(5), [&] { return released; });
    res.set_content("late", "text/plain");
  });
  s.start();
  TransportOptions o;
  o.timeoutSeconds = 0.3;
  CurlTransport t(o);
  const auto start = std::chrono::steady_clock::now();
  const HttpResponse r = t.send(get(s.url("/slow")));
  const auto took = std::chrono::steady_clock::now() - start;
  {
    std::lock_guard lock(m);
    released = true;
  }
  cv.notify_all();
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.transportError.find("Timeout"), std::string::npos) << r.transportError;
  EXPECT_LT(took, std::chrono::seconds(3));
}

TEST(CurlTransport, CapsTheBodyAndFlagsIt) {
  LocalServer s;
  s.server.Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(200000, 'z'), "text/plain");
  });
  s.start();
  TransportOptions o;
  o.maxResponseBytes = 1000;
  CurlTransport t(o);
  const HttpResponse r = t.send(get(s.url("/big")));
  EXPECT_EQ(r.transportError, "");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.bodyTruncated);
  EXPECT_EQ(r.body.size(), 1000u);
}

TEST(CurlTransport, RefusedConnectionIsATransportError) {
  CurlTransport t({});
  const HttpResponse r =
      t.send(get("http://127.0.0.1:" + std::to_string(gpc::testing::unusedLoopbackPort()) + "/metadata"));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.transportError.find("onnect"), std::string::npos) << r.transportError;
}

TEST(CurlTransport, TlsHandshakeFailureIsATransportError) {
  // A plain HTTP server answering a TLS ClientHello: the handshake cannot succeed.
  LocalServer s;
  s.server.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content("x", "text/plain"); });
  s.start();
  TransportOptions o;
  o.timeoutSeconds = 5;
  CurlTransport t(o);
  const HttpResponse r = t.send(get("https://127.0.0.1:" + std::to_string(s.port) + "/"));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.transportError.find("SSL"), std::string::npos) << r.transportError;
}

TEST(CurlTransport, ReusesKeepAliveConnectionsAcrossRequestsAndThreads) {
  std::mutex m;
  std::set<int> clientPorts;
  int requests = 0;
  LocalServer s;
  s.server.Get("/ping", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(m);
    clientPorts.insert(req.remote_port);
    ++requests;
    res.set_content("pong", "text/plain");
  });
  s.start();
  CurlTransport t({});
  for (int i = 0; i < 10; ++i) ASSERT_EQ(t.send(get(s.url("/ping"))).body, "pong");
  EXPECT_EQ(clientPorts.size(), 1u) << "sequential requests must share one connection";

  std::vector<std::thread> threads;
  for (int w = 0; w < 3; ++w)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) EXPECT_EQ(t.send(get(s.url("/ping"))).body, "pong");
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(requests, 40);
  EXPECT_LE(clientPorts.size(), 3u) << "at most one connection per concurrent thread";
}

TEST(CurlTransport, TlsVerificationIsOnByDefault) {
  EXPECT_TRUE(TransportOptions{}.verifyPeer);
}

}  // namespace
}  // namespace gpc::http
