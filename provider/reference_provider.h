#pragma once
// The reference provider: a conformant GP Connect provider over the test data pack in
// fixtures/, with fault switches that each break one rule real providers get wrong.
// Used in-process by `gpc-assure run` (no --target) and standalone by `gpc-assure serve`.

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gpc::provider {

struct TlsOptions {
  std::filesystem::path certFile;
  std::filesystem::path keyFile;
  std::filesystem::path clientCaFile;  // empty: no client certificate required
};

struct ProviderOptions {
  std::string host = "127.0.0.1";
  int port = 0;                       // 0: any free port
  std::filesystem::path fixturesDir;  // empty: the project's fixtures/
  std::set<std::string> faults;       // names from knownFaults()
  std::optional<TlsOptions> tls;
  int threads = 8;
};

struct FaultInfo {
  std::string name;         // e.g. "no-cache-control"
  std::string description;  // what the provider then does wrong
  std::string rule;         // the spec rule it breaks (page#section)
};

// Every fault the provider knows, in a stable order (documented in docs/faults.md).
const std::vector<FaultInfo>& knownFaults();

class ReferenceProvider {
 public:
  // Throws std::runtime_error naming the problem (unknown fault, unreadable fixture, bad TLS file).
  explicit ReferenceProvider(ProviderOptions options);
  ~ReferenceProvider();  // stops the server if running
  ReferenceProvider(const ReferenceProvider&) = delete;
  ReferenceProvider& operator=(const ReferenceProvider&) = delete;

  // Binds and serves on background threads; returns once it accepts connections.
  // Throws std::runtime_error when the address cannot be bound.
  void start();
  void stop();            // idempotent; returns when the server threads have ended
  int port() const;       // the bound port (after start)
  std::string rootUrl() const;  // "http://127.0.0.1:PORT" or "https://..."

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gpc::provider
