#include "provider/tls_server.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <fstream>
#include <stdexcept>

namespace gpc::provider {

const std::vector<FaultInfo>& tlsFaults() {
  static const std::vector<FaultInfo> faults = {
      {"tls-client-cert-not-required", "the TLS listener completes a handshake without a client certificate",
       "development_api_security_guidance#secure-connection-negotiation (TLS mutual authentication)"},
      {"tls-accepts-tls1.0", "the TLS listener accepts TLS 1.0 and 1.1 handshakes",
       "development_api_security_guidance#secure-connection-negotiation (TLS 1.0/1.1 SHALL NOT be used)"},
      {"tls-any-cipher", "the TLS listener accepts any cipher suite OpenSSL has, NULL and non-AEAD ones included",
       "development_api_security_guidance#secure-connection-negotiation (ciphers AESGCM+EECDH, AESGCM+EDH, "
       "AES256+EECDH, AES256+EDH)"},
      {"tls-revocation-not-checked", "the TLS listener accepts revoked client certificates (no CRL check)",
       "development_api_security_guidance#secure-connection-negotiation (client certificate validity)"},
      {"tls-client-host-not-checked", "the TLS listener accepts client certificates issued to any host, not only the SSP",
       "development_api_security_guidance#secure-connection-negotiation (only accept connections from SSP)"},
  };
  return faults;
}

namespace {

// The spec's families: AESGCM+EECDH, AESGCM+EDH, AES256+EECDH, AES256+EDH.
constexpr const char* kAllowedCiphers = "ECDHE+AESGCM:DHE+AESGCM:ECDHE+AES256:DHE+AES256";

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

// Client certificate rules: who issued it, whether it is revoked, which host it names.
std::string setUpClientVerification(SSL_CTX& ctx, const TlsOptions& tls, const std::set<std::string>& faults) {
  if (SSL_CTX_load_verify_locations(&ctx, tls.clientCaFile.c_str(), nullptr) != 1)
    return sslError("client CA '" + tls.clientCaFile.string() + "' is not a PEM certificate");
  X509_VERIFY_PARAM* param = SSL_CTX_get0_param(&ctx);
  if (!tls.clientCrlFile.empty() && !faults.count("tls-revocation-not-checked")) {
    X509_STORE* store = SSL_CTX_get_cert_store(&ctx);
    if (X509_STORE_load_file(store, tls.clientCrlFile.c_str()) != 1)
      return sslError("client CRL '" + tls.clientCrlFile.string() + "' is not a PEM CRL");
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);
  }
  if (!faults.count("tls-client-host-not-checked")) {
    for (std::size_t i = 0; i < tls.clientHosts.size(); ++i) {
      const auto& host = tls.clientHosts[i];
      const int ok = i == 0 ? X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size())
                            : X509_VERIFY_PARAM_add1_host(param, host.c_str(), host.size());
      if (ok != 1) return sslError("client host name '" + host + "' rejected");
    }
  }
  const int mode = faults.count("tls-client-cert-not-required") ? SSL_VERIFY_PEER
                                                                  : SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  SSL_CTX_set_verify(&ctx, mode, nullptr);
  return {};
}

std::string setUpContext(SSL_CTX& ctx, const TlsOptions& tls, const std::set<std::string>& faults) {
  const bool oldVersions = faults.count("tls-accepts-tls1.0") > 0;
  const bool anyCipher = faults.count("tls-any-cipher") > 0;
  SSL_CTX_set_min_proto_version(&ctx, oldVersions ? TLS1_VERSION : TLS1_2_VERSION);
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION);
  SSL_CTX_set_dh_auto(&ctx, 1);  // the DHE-RSA suites need DH parameters
  // Security level 0 is what lets OpenSSL itself negotiate TLS 1.0 or a NULL cipher at all.
  std::string ciphers = anyCipher ? "ALL:eNULL" : kAllowedCiphers;
  if (oldVersions || anyCipher) ciphers += ":@SECLEVEL=0";
  if (SSL_CTX_set_cipher_list(&ctx, ciphers.c_str()) != 1) return sslError("cipher list rejected");
  if (SSL_CTX_use_certificate_chain_file(&ctx, tls.certFile.c_str()) != 1)
    return sslError("TLS certificate '" + tls.certFile.string() + "' is not a PEM certificate");
  if (SSL_CTX_use_PrivateKey_file(&ctx, tls.keyFile.c_str(), SSL_FILETYPE_PEM) != 1)
    return sslError("TLS key '" + tls.keyFile.string() + "' is not a PEM private key matching certificate '" +
                    tls.certFile.string() + "'");
  if (SSL_CTX_check_private_key(&ctx) != 1)
    return sslError("TLS key '" + tls.keyFile.string() + "' does not match the certificate");
  return tls.clientCaFile.empty() ? std::string() : setUpClientVerification(ctx, tls, faults);
}

}  // namespace

std::unique_ptr<httplib::Server> makeTlsServer(const TlsOptions& tls, const std::set<std::string>& faults) {
  requireReadable(tls.certFile, "certificate");
  requireReadable(tls.keyFile, "key");
  if (!tls.clientCaFile.empty()) requireReadable(tls.clientCaFile, "client CA");
  if (!tls.clientCrlFile.empty()) requireReadable(tls.clientCrlFile, "client CRL");
  std::string problem;
  auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
    problem = setUpContext(ctx, tls, faults);
    return problem.empty();
  });
  if (!problem.empty() || !server->is_valid())
    throw std::runtime_error(problem.empty() ? "TLS server could not be set up" : problem);
  return server;
}

}  // namespace gpc::provider
