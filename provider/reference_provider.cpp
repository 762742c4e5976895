// The HTTP(S) face of the reference provider: cpp-httplib in front of server::Dispatcher.
#include "provider/reference_provider.h"

#include "gpc/build_paths.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <stdexcept>
#include <thread>

#include "provider/server/dispatcher.h"
#include "provider/tls_server.h"

namespace gpc::provider {
namespace {

std::string todayUtc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[11];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

server::Request toRequest(const httplib::Request& req) {
  server::Request r;
  r.method = req.method;
  r.path = req.path;
  // From the raw target, not req.params: httplib drops a repeated identical name=value pair.
  const auto question = req.target.find('?');
  if (question != std::string::npos) r.query = server::parseQueryString(std::string_view(req.target).substr(question + 1));
  for (const auto& [k, v] : req.headers) r.headers.emplace_back(k, v);
  r.body = req.body;
  return r;
}

void write(const server::WireResponse& wire, httplib::Response& res) {
  res.status = wire.status;
  std::string contentType;
  for (const auto& [k, v] : wire.headers) {
    if (k == "Content-Type") contentType = v;
    else res.set_header(k, v);
  }
  res.set_content(wire.body, contentType.c_str());
}

// One bound server socket and the thread serving it.
struct Listener {
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::string scheme;
  int port = 0;

  void start(const std::string& host, int wantedPort) {
    if (thread.joinable()) return;
    port = wantedPort == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, wantedPort) ? wantedPort : -1);
    if (port <= 0)
      throw std::runtime_error("reference provider cannot bind " + host + ":" + std::to_string(wantedPort) +
                               " (is the port already in use?)");
    thread = std::thread([s = server.get()] { s->listen_after_bind(); });
    for (int i = 0; i < 5000 && !server->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void stop() {
    if (!thread.joinable()) return;
    server->stop();
    thread.join();
  }
};

}  // namespace

struct ReferenceProvider::Impl {
  ProviderOptions options;
  server::Dispatcher dispatcher;
  Listener main;
  std::optional<Listener> tlsListener;

  explicit Impl(ProviderOptions o)
      : options(std::move(o)),
        dispatcher(options.fixturesDir.empty() ? std::filesystem::path(GPC_SOURCE_DIR) / "fixtures" : options.fixturesDir,
                   options.faults, options.disabledAreas) {
    main.server = options.tls ? makeTlsServer(*options.tls, options.faults) : std::make_unique<httplib::Server>();
    main.scheme = options.tls ? "https" : "http";
    serve(main);
    if (options.tlsListener) {
      tlsListener.emplace();
      tlsListener->server = makeTlsServer(*options.tlsListener, options.faults);
      tlsListener->scheme = "https";
      serve(*tlsListener);
    }
  }

  std::string rootUrl(const Listener& l) const { return l.scheme + "://" + options.host + ":" + std::to_string(l.port); }

  // Every route goes to the one dispatcher; links in responses name the listener that was asked.
  void serve(Listener& listener) {
    httplib::Server* server = listener.server.get();
    const int threads = options.threads > 0 ? options.threads : 1;
    // Without TCP_NODELAY a small response after a small write waits out Nagle + delayed ACK
    // (~40 ms per exchange on loopback).
    server->set_tcp_nodelay(true);
    // httplib's default sets SO_REUSEPORT, which lets a second server bind a port that is
    // already listening; `serve` must fail loudly instead. SO_REUSEADDR alone still allows a
    // quick restart over TIME_WAIT sockets but not a port in use.
    server->set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<void*>(&yes), sizeof(yes));
    });
    server->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    auto handler = [this, &listener](const httplib::Request& req, httplib::Response& res) {
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
      write(dispatcher.handle(toRequest(req), rootUrl(listener), now, todayUtc()), res);
    };
    const char* any = ".*";
    server->Get(any, handler);
    server->Post(any, handler);
    server->Put(any, handler);
    server->Patch(any, handler);
    server->Delete(any, handler);
    server->Options(any, handler);
    server->set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      write(dispatcher.failure("INTERNAL_SERVER_ERROR", what), res);
    });
    // Requests the HTTP library rejects itself (unknown method, malformed request line) still
    // get an OperationOutcome and Cache-Control.
    server->set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      const int status = res.status;
      write(dispatcher.failure("BAD_REQUEST", "request rejected by the HTTP layer (status " + std::to_string(status) + ")"), res);
      res.status = status;
      return httplib::Server::HandlerResponse::Handled;
    }));
  }
};

ReferenceProvider::ReferenceProvider(ProviderOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

ReferenceProvider::~ReferenceProvider() { stop(); }

void ReferenceProvider::start() {
  if (impl_->options.preloadXml) impl_->dispatcher.preloadXml();
  impl_->main.start(impl_->options.host, impl_->options.port);
  if (impl_->tlsListener) {
    try {
      impl_->tlsListener->start(impl_->options.host, 0);
    } catch (...) {
      impl_->main.stop();
      throw;
    }
  }
}

void ReferenceProvider::stop() {
  if (!impl_) return;
  if (impl_->tlsListener) impl_->tlsListener->stop();
  impl_->main.stop();
}

int ReferenceProvider::port() const { return impl_->main.port; }

std::string ReferenceProvider::rootUrl() const { return impl_->rootUrl(impl_->main); }

int ReferenceProvider::tlsListenerPort() const { return impl_->tlsListener ? impl_->tlsListener->port : 0; }

std::string ReferenceProvider::tlsListenerRootUrl() const {
  return impl_->tlsListener ? impl_->rootUrl(*impl_->tlsListener) : std::string();
}

}  // namespace gpc::provider
