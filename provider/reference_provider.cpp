// The HTTP(S) face of the reference provider: cpp-httplib in front of core::Dispatcher.
#include "provider/reference_provider.h"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "provider/core/dispatcher.h"

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

void requireReadable(const std::filesystem::path& file, const char* what) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(std::string("TLS ") + what + " file '" + file.string() + "' cannot be read");
}

std::string sslError(const std::string& what) {
  std::string out = what;
  if (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += ": " + std::string(buf);
  }
  ERR_clear_error();
  return out;
}

// TLS 1.2+ only with the spec's cipher families; mutual TLS when a client CA is given
// (development_api_security_guidance "Secure connection negotiation").
std::unique_ptr<httplib::Server> makeTlsServer(const TlsOptions& tls) {
  requireReadable(tls.certFile, "certificate");
  requireReadable(tls.keyFile, "key");
  if (!tls.clientCaFile.empty()) requireReadable(tls.clientCaFile, "client CA");
  std::string problem;
  auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION);
    if (SSL_CTX_set_cipher_list(&ctx, "ECDHE+AESGCM:DHE+AESGCM:ECDHE+AES256:DHE+AES256") != 1)
      problem = sslError("cipher list rejected");
    else if (SSL_CTX_use_certificate_chain_file(&ctx, tls.certFile.c_str()) != 1)
      problem = sslError("TLS certificate '" + tls.certFile.string() + "' is not a PEM certificate");
    else if (SSL_CTX_use_PrivateKey_file(&ctx, tls.keyFile.c_str(), SSL_FILETYPE_PEM) != 1)
      problem = sslError("TLS key '" + tls.keyFile.string() + "' is not a PEM private key matching certificate '" +
                         tls.certFile.string() + "'");
    else if (SSL_CTX_check_private_key(&ctx) != 1)
      problem = sslError("TLS key '" + tls.keyFile.string() + "' does not match the certificate");
    else if (!tls.clientCaFile.empty()) {
      if (SSL_CTX_load_verify_locations(&ctx, tls.clientCaFile.c_str(), nullptr) != 1)
        problem = sslError("client CA '" + tls.clientCaFile.string() + "' is not a PEM certificate");
      else
        SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    }
    return problem.empty();
  });
  if (!problem.empty() || !server->is_valid())
    throw std::runtime_error(problem.empty() ? "TLS server could not be set up" : problem);
  return server;
}

core::Request toRequest(const httplib::Request& req) {
  core::Request r;
  r.method = req.method;
  r.path = req.path;
  // From the raw target, not req.params: httplib drops a repeated identical name=value pair.
  const auto question = req.target.find('?');
  if (question != std::string::npos) r.query = core::parseQueryString(std::string_view(req.target).substr(question + 1));
  for (const auto& [k, v] : req.headers) r.headers.emplace_back(k, v);
  r.body = req.body;
  return r;
}

void write(const core::WireResponse& wire, httplib::Response& res) {
  res.status = wire.status;
  std::string contentType;
  for (const auto& [k, v] : wire.headers) {
    if (k == "Content-Type") contentType = v;
    else res.set_header(k, v);
  }
  res.set_content(wire.body, contentType.c_str());
}

}  // namespace

struct ReferenceProvider::Impl {
  ProviderOptions options;
  core::Dispatcher dispatcher;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;

  explicit Impl(ProviderOptions o)
      : options(std::move(o)),
        dispatcher(options.fixturesDir.empty() ? std::filesystem::path(GPC_SOURCE_DIR) / "fixtures" : options.fixturesDir,
                   options.faults) {
    server = options.tls ? makeTlsServer(*options.tls) : std::make_unique<httplib::Server>();
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
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
      write(dispatcher.handle(toRequest(req), rootUrl(), now, todayUtc()), res);
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

  std::string rootUrl() const {
    return std::string(options.tls ? "https://" : "http://") + options.host + ":" + std::to_string(port);
  }
};


ReferenceProvider::ReferenceProvider(ProviderOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

ReferenceProvider::~ReferenceProvider() { stop(); }

void ReferenceProvider::start() {
  if (impl_->thread.joinable()) return;
  auto& server = *impl_->server;
  const auto& o = impl_->options;
  impl_->port = o.port == 0 ? server.bind_to_any_port(o.host) : (server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (impl_->port <= 0)
    throw std::runtime_error("reference provider cannot bind " + o.host + ":" + std::to_string(o.port) +
                             " (is the port already in use?)");
  impl_->thread = std::thread([&server] { server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void ReferenceProvider::stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  impl_->server->stop();
  impl_->thread.join();
}

int ReferenceProvider::port() const { return impl_->port; }

std::string ReferenceProvider::rootUrl() const { return impl_->rootUrl(); }

}  // namespace gpc::provider
