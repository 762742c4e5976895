#pragma once
// A throwaway public key infrastructure for one run or one test: a CA, a server certificate for
// the loopback listener, a CRL, and client identities both good and deliberately bad (expired,
// issued by an untrusted CA, revoked, naming another host). Made with the OpenSSL API in a few
// milliseconds (EC P-256 keys; the server key is RSA so the spec's ECDHE-RSA/DHE-RSA suites can
// be negotiated) and written as PEM files under a fresh temporary directory that the destructor
// deletes. Nothing here is secret or reused: every instance makes new keys.

#include <filesystem>
#include <map>
#include <string>

namespace gpc::tls {

struct PemPair {
  std::filesystem::path cert, key;
};

class ThrowawayPki {
 public:
  // The names of the bad client identities, as they appear in a target's tls.identities.
  static constexpr const char* kExpired = "expired";
  static constexpr const char* kUntrusted = "untrusted";
  static constexpr const char* kRevoked = "revoked";
  static constexpr const char* kOtherHost = "other-fqdn";

  // Throws std::runtime_error naming the OpenSSL step or the file that failed.
  explicit ThrowawayPki(const std::filesystem::path& parent = std::filesystem::temp_directory_path());
  ~ThrowawayPki();  // removes dir() and everything in it
  ThrowawayPki(const ThrowawayPki&) = delete;
  ThrowawayPki& operator=(const ThrowawayPki&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  const std::filesystem::path& caCert() const { return caCert_; }  // trusts the server and good clients
  const std::filesystem::path& crl() const { return crl_; }        // the CA's CRL: revokes "revoked"
  const PemPair& server() const { return server_; }                // 127.0.0.1 and localhost
  const PemPair& client() const { return client_; }                // the valid client identity
  // The host name the valid client certificate carries (the "SSP" a provider accepts).
  const std::string& clientHost() const { return clientHost_; }
  // expired, untrusted, revoked, other-fqdn.
  const std::map<std::string, PemPair>& badClients() const { return badClients_; }

 private:
  std::filesystem::path dir_, caCert_, crl_;
  PemPair server_, client_;
  std::string clientHost_ = "ssp.gpc-assure.test";
  std::map<std::string, PemPair> badClients_;
};

}  // namespace gpc::tls
