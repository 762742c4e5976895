#include "runner/tls/throwaway_pki.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>

#include <memory>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace gpc::tls {
namespace {

namespace fs = std::filesystem;

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Crl = std::unique_ptr<X509_CRL, Deleter<X509_CRL_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Revoked = std::unique_ptr<X509_REVOKED, Deleter<X509_REVOKED_free>>;
using Time = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;

[[noreturn]] void fail(const std::string& what) {
  std::string message = "throwaway TLS certificates: " + what;
  if (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    message += ": " + std::string(buf);
  }
  ERR_clear_error();
  throw std::runtime_error(message);
}

void require(int ok, const std::string& what) {
  if (ok != 1) fail(what);
}

Key ecKey() {
  Key k(EVP_EC_gen("P-256"));
  if (!k) fail("EC P-256 key generation failed");
  return k;
}

Key rsaKey() {
  Key k(EVP_RSA_gen(2048));
  if (!k) fail("RSA key generation failed");
  return k;
}

constexpr long kDay = 24 * 60 * 60;

struct Validity {
  long notBeforeOffset = -kDay;  // seconds from now
  long notAfterOffset = 7 * kDay;
};

struct CertSpec {
  std::string commonName;
  long serial = 1;
  Validity validity;
  // X509v3 extensions in openssl.cnf syntax, e.g. {NID_subject_alt_name, "DNS:localhost"}.
  std::vector<std::pair<int, std::string>> extensions;
};

// Signs `subjectKey` with `issuerKey`; a null issuer makes the certificate self-signed.
Cert makeCert(const CertSpec& spec, EVP_PKEY* subjectKey, X509* issuer, EVP_PKEY* issuerKey) {
  Cert cert(X509_new());
  if (!cert) fail("X509_new failed");
  X509* c = cert.get();
  require(X509_set_version(c, 2), "setting the certificate version");
  require(ASN1_INTEGER_set(X509_get_serialNumber(c), spec.serial), "setting the serial number");
  if (!X509_gmtime_adj(X509_getm_notBefore(c), spec.validity.notBeforeOffset) ||
      !X509_gmtime_adj(X509_getm_notAfter(c), spec.validity.notAfterOffset))
    fail("setting the validity period");
  X509_NAME* name = X509_get_subject_name(c);
  require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>(spec.commonName.c_str()), -1, -1, 0),
          "setting the common name " + spec.commonName);
  require(X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer) : name), "setting the issuer");
  require(X509_set_pubkey(c, subjectKey), "setting the public key");
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : c, c, nullptr, nullptr, 0);
  for (const auto& [nid, value] : spec.extensions) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext) fail("making the extension " + value);
    const int added = X509_add_ext(c, ext, -1);
    X509_EXTENSION_free(ext);
    require(added, "adding the extension " + value);
  }
  if (X509_sign(c, issuerKey ? issuerKey : subjectKey, EVP_sha256()) <= 0) fail("signing " + spec.commonName);
  return cert;
}

CertSpec caSpec(const std::string& name) {
  return {name, 1, {}, {{NID_basic_constraints, "critical,CA:TRUE"}, {NID_key_usage, "critical,keyCertSign,cRLSign"}}};
}

CertSpec clientSpec(const std::string& host, long serial, Validity validity = {}) {
  return {host, serial, validity,
          {{NID_basic_constraints, "CA:FALSE"},
           {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
           {NID_ext_key_usage, "clientAuth"},
           {NID_subject_alt_name, "DNS:" + host}}};
}

Bio openForWriting(const fs::path& file) {
  Bio bio(BIO_new_file(file.c_str(), "w"));
  if (!bio) fail("cannot write " + file.string());
  return bio;
}

void writeCert(const fs::path& file, X509* cert) {
  auto bio = openForWriting(file);
  require(PEM_write_bio_X509(bio.get(), cert), "writing " + file.string());
}

void writeKey(const fs::path& file, EVP_PKEY* key) {
  auto bio = openForWriting(file);
  require(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr), "writing " + file.string());
}

PemPair writePair(const fs::path& dir, const std::string& stem, X509* cert, EVP_PKEY* key) {
  PemPair pair{dir / (stem + ".pem"), dir / (stem + ".key")};
  writeCert(pair.cert, cert);
  writeKey(pair.key, key);
  return pair;
}

// A CRL from `ca` listing `revokedSerial`, current for a week.
Crl makeCrl(X509* ca, EVP_PKEY* caKey, long revokedSerial) {
  Crl crl(X509_CRL_new());
  if (!crl) fail("X509_CRL_new failed");
  X509_CRL* c = crl.get();
  require(X509_CRL_set_version(c, 1), "setting the CRL version");
  require(X509_CRL_set_issuer_name(c, X509_get_subject_name(ca)), "setting the CRL issuer");
  Time lastUpdate(X509_gmtime_adj(nullptr, -60 * 60));
  Time nextUpdate(X509_gmtime_adj(nullptr, 7 * kDay));
  if (!lastUpdate || !nextUpdate) fail("making the CRL dates");
  require(X509_CRL_set1_lastUpdate(c, lastUpdate.get()), "setting the CRL lastUpdate");
  require(X509_CRL_set1_nextUpdate(c, nextUpdate.get()), "setting the CRL nextUpdate");
  Revoked entry(X509_REVOKED_new());
  if (!entry) fail("X509_REVOKED_new failed");
  ASN1_INTEGER* serial = ASN1_INTEGER_new();
  if (!serial || ASN1_INTEGER_set(serial, revokedSerial) != 1) {
    ASN1_INTEGER_free(serial);
    fail("making the revoked serial");
  }
  const int serialSet = X509_REVOKED_set_serialNumber(entry.get(), serial);
  ASN1_INTEGER_free(serial);
  require(serialSet, "setting the revoked serial");
  require(X509_REVOKED_set_revocationDate(entry.get(), lastUpdate.get()), "setting the revocation date");
  require(X509_CRL_add0_revoked(c, entry.get()), "adding the revoked entry");
  (void)entry.release();  // owned by the CRL now
  require(X509_CRL_sort(c), "sorting the CRL");
  if (X509_CRL_sign(c, caKey, EVP_sha256()) <= 0) fail("signing the CRL");
  return crl;
}

fs::path makePrivateDir(const fs::path& parent) {
  std::string pattern = (parent / "gpc-assure-tls-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error("throwaway TLS certificates: cannot create a directory under " + parent.string() + ": " +
                             std::error_code(errno, std::generic_category()).message());
  return pattern;
}

}  // namespace

ThrowawayPki::ThrowawayPki(const fs::path& parent) : dir_(makePrivateDir(parent)) {
  try {
    constexpr long kRevokedSerial = 13;
    const Key caKey = ecKey();
    // Named after the private directory, so two PKIs (two runs, or a test's second one) never
    // share a CA name: a client then reports a wrong CA bundle as an unknown issuer.
    const std::string tag = dir_.filename().string();
    const Cert ca = makeCert(caSpec("gpc-assure throwaway CA " + tag), caKey.get(), nullptr, nullptr);
    caCert_ = dir_ / "ca.pem";
    writeCert(caCert_, ca.get());
    crl_ = dir_ / "ca.crl.pem";
    {
      const Crl crl = makeCrl(ca.get(), caKey.get(), kRevokedSerial);
      auto bio = openForWriting(crl_);
      require(PEM_write_bio_X509_CRL(bio.get(), crl.get()), "writing " + crl_.string());
    }

    const Key serverKey = rsaKey();
    const Cert server = makeCert({"127.0.0.1", 10, {},
                                  {{NID_basic_constraints, "CA:FALSE"},
                                   {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                                   {NID_ext_key_usage, "serverAuth"},
                                   {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"}}},
                                 serverKey.get(), ca.get(), caKey.get());
    server_ = writePair(dir_, "server", server.get(), serverKey.get());

    const Key clientKey = ecKey();  // one key for every client: only the certificates differ
    const Cert good = makeCert(clientSpec(clientHost_, 11), clientKey.get(), ca.get(), caKey.get());
    client_ = writePair(dir_, "client", good.get(), clientKey.get());
    const Cert expired =
        makeCert(clientSpec(clientHost_, 12, {-10 * kDay, -kDay}), clientKey.get(), ca.get(), caKey.get());
    badClients_[kExpired] = writePair(dir_, kExpired, expired.get(), clientKey.get());
    const Cert revoked = makeCert(clientSpec(clientHost_, kRevokedSerial), clientKey.get(), ca.get(), caKey.get());
    badClients_[kRevoked] = writePair(dir_, kRevoked, revoked.get(), clientKey.get());
    const Cert otherHost = makeCert(clientSpec("other.gpc-assure.test", 14), clientKey.get(), ca.get(), caKey.get());
    badClients_[kOtherHost] = writePair(dir_, kOtherHost, otherHost.get(), clientKey.get());
    // Same names as the good client, but from a CA nobody trusts.
    const Key rogueKey = ecKey();
    const Cert rogue = makeCert(caSpec("gpc-assure untrusted CA " + tag), rogueKey.get(), nullptr, nullptr);
    const Cert untrusted = makeCert(clientSpec(clientHost_, 11), clientKey.get(), rogue.get(), rogueKey.get());
    badClients_[kUntrusted] = writePair(dir_, kUntrusted, untrusted.get(), clientKey.get());
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    throw;
  }
}

ThrowawayPki::~ThrowawayPki() {
  std::error_code ignored;  // a destructor must not throw; a leftover temp dir is harmless
  fs::remove_all(dir_, ignored);
}

}  // namespace gpc::tls
