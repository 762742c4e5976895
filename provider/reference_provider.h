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
  std::filesystem::path clientCrlFile;  // PEM CRL of the client CA; given: revoked client certificates are refused
  // Host names a client certificate must carry (SAN DNS) to be accepted, e.g. the SSP's FQDN
  // ("only accept connections from SSP"); empty: any certificate the client CA issued.
  std::vector<std::string> clientHosts;
};

struct ProviderOptions {
  std::string host = "127.0.0.1";
  int port = 0;                       // 0: any free port
  std::filesystem::path fixturesDir;  // empty: the project's fixtures/
  std::set<std::string> faults;       // names from knownFaults()
  // Clinical areas switched off practice-wide (clinical_area_config), by parameter name
  // (includeMedication ... includeDiaryEntries, DocumentReferences); an unknown name throws.
  std::set<std::string> disabledAreas;
  std::optional<TlsOptions> tls;
  // A second listener on its own free port serving the same provider over TLS, while the main
  // one stays as `tls` says (how `gpc-assure run` judges the security.tls cases in-process).
  std::optional<TlsOptions> tlsListener;
  int threads = 8;
  // Load the FHIR definitions for XML at start (about half a second) instead of on the first
  // XML exchange: every answer is held to its latency budget, and a registration that happened
  // to be the first XML request would otherwise break the 250 ms command limit on that cost alone.
  bool preloadXml = false;
};

struct FaultInfo {
  std::string name;         // e.g. "no-cache-control"
  std::string description;  // what the provider then does wrong
  std::string rule;         // the spec rule it breaks (page#section)
};

// Every fault the provider knows, in a stable order (documented in docs/faults.md).
const std::vector<FaultInfo>& knownFaults();
// The faults of the TLS listeners (part of knownFaults()).
const std::vector<FaultInfo>& tlsFaults();

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
  // The tlsListener's port and "https://127.0.0.1:PORT" (0 and "" without one).
  int tlsListenerPort() const;
  std::string tlsListenerRootUrl() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gpc::provider
