#include "reporters/signing.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>

#include "reporters/digest.h"

namespace gpc::reporters {
namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using Cms = std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)>;

std::string openSslReason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "not a PEM file of that kind";
  char buffer[256];
  ERR_error_string_n(code, buffer, sizeof buffer);
  return buffer;
}

std::string readAll(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw SigningError(file.string() + ": cannot read the " + std::string(what));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Bio memoryBio(std::string_view bytes) {
  return Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())), BIO_free);
}

template <class T, class Read>
std::unique_ptr<T, void (*)(T*)> readPem(const std::filesystem::path& file, std::string_view what, Read read,
                                          void (*release)(T*)) {
  const std::string text = readAll(file, what);
  const Bio bio = memoryBio(text);
  T* value = read(bio.get());
  if (!value) throw SigningError(file.string() + ": not a usable " + std::string(what) + " (" + openSslReason() + ")");
  return {value, release};
}

Key privateKeyFrom(const std::filesystem::path& file) {
  auto key = readPem<EVP_PKEY>(file, "private key", [](BIO* b) { return PEM_read_bio_PrivateKey(b, nullptr, nullptr, nullptr); },
                               EVP_PKEY_free);
  return Key(key.release(), EVP_PKEY_free);
}

Cert certificateFrom(const std::filesystem::path& file) {
  auto cert = readPem<X509>(file, "certificate", [](BIO* b) { return PEM_read_bio_X509(b, nullptr, nullptr, nullptr); }, X509_free);
  return Cert(cert.release(), X509_free);
}

// Only the two algorithms the manifest format names; RSA or other curves are refused so that a
// verifier knows what it is checking.
std::string algorithmOf(EVP_PKEY* key, const std::filesystem::path& file) {
  if (EVP_PKEY_is_a(key, "ED25519")) return "Ed25519";
  if (EVP_PKEY_is_a(key, "EC")) {
    char group[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) == 1 &&
        (std::string_view(group) == "prime256v1" || std::string_view(group) == "P-256"))
      return "ECDSA P-256 SHA-256";
    throw SigningError(file.string() + ": an EC key on curve " + std::string(group) + "; only P-256 (prime256v1) is accepted");
  }
  throw SigningError(file.string() + ": a " + EVP_PKEY_get0_type_name(key) + " key; only Ed25519 and ECDSA P-256 are accepted");
}

const EVP_MD* digestFor(EVP_PKEY* key) { return EVP_PKEY_is_a(key, "ED25519") ? nullptr : EVP_sha256(); }

std::string publicKeySha256(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key, &der);
  if (length <= 0) throw SigningError("cannot encode the public key (" + openSslReason() + ")");
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return sha256Hex(bytes);
}

std::string subjectOf(X509* cert) {
  char* line = X509_NAME_oneline(X509_get_subject_name(cert), nullptr, 0);
  std::string subject = line ? line : "";
  OPENSSL_free(line);
  return subject;
}

}  // namespace

struct ManifestSigner::Keys {
  Key key{nullptr, EVP_PKEY_free};
  Cert cert{nullptr, X509_free};
};

ManifestSigner::ManifestSigner(const std::filesystem::path& keyFile, const std::filesystem::path& certFile)
    : keys_(std::make_unique<Keys>()) {
  keys_->key = privateKeyFrom(keyFile);
  description_.algorithm = algorithmOf(keys_->key.get(), keyFile);
  description_.keySha256 = publicKeySha256(keys_->key.get());
  description_.format = "raw";
  if (!certFile.empty()) {
    keys_->cert = certificateFrom(certFile);
    // OpenSSL 3.0's CMS cannot sign with EdDSA (RFC 8419 came in a later release): say so now
    // rather than after the run.
    if (EVP_PKEY_is_a(keys_->key.get(), "ED25519"))
      throw SigningError(keyFile.string() + ": an Ed25519 key cannot make a CMS signature with this OpenSSL (" +
                         OpenSSL_version(OPENSSL_VERSION) + "); use an ECDSA P-256 key with --sign-cert, or Ed25519 without it");
    if (X509_check_private_key(keys_->cert.get(), keys_->key.get()) != 1) {
      ERR_clear_error();
      throw SigningError(certFile.string() + ": the certificate is not for the key in " + keyFile.string());
    }
    description_.format = "cms-detached";
    description_.certificateSubject = subjectOf(keys_->cert.get());
  }
}

ManifestSigner::~ManifestSigner() = default;

std::string ManifestSigner::sign(std::string_view bytes) const {
  if (keys_->cert) {
    const Bio data = memoryBio(bytes);
    const Cms cms(CMS_sign(keys_->cert.get(), keys_->key.get(), nullptr, data.get(), CMS_DETACHED | CMS_BINARY), CMS_ContentInfo_free);
    if (!cms) throw SigningError("CMS signing failed (" + openSslReason() + ")");
    unsigned char* der = nullptr;
    const int length = i2d_CMS_ContentInfo(cms.get(), &der);
    if (length <= 0) throw SigningError("cannot encode the CMS signature (" + openSslReason() + ")");
    std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
  }
  const MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, digestFor(keys_->key.get()), nullptr, keys_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, data, bytes.size()) != 1)
    throw SigningError("signing failed (" + openSslReason() + ")");
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data, bytes.size()) != 1)
    throw SigningError("signing failed (" + openSslReason() + ")");
  signature.resize(length);
  return signature;
}

struct SignatureVerifier::Keys {
  Key key{nullptr, EVP_PKEY_free};
  Cert cert{nullptr, X509_free};
};

SignatureVerifier::SignatureVerifier() : keys_(std::make_unique<Keys>()) {}
SignatureVerifier::~SignatureVerifier() = default;
SignatureVerifier::SignatureVerifier(SignatureVerifier&&) noexcept = default;

SignatureVerifier SignatureVerifier::fromPublicKey(const std::filesystem::path& file) {
  SignatureVerifier verifier;
  const std::string text = readAll(file, "public key");
  const Bio bio = memoryBio(text);
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (!key) {
    ERR_clear_error();
    const Bio again = memoryBio(text);
    key = PEM_read_bio_PrivateKey(again.get(), nullptr, nullptr, nullptr);
  }
  if (!key) throw SigningError(file.string() + ": not a usable public key (" + openSslReason() + ")");
  verifier.keys_->key = Key(key, EVP_PKEY_free);
  algorithmOf(key, file);
  return verifier;
}

SignatureVerifier SignatureVerifier::fromCertificate(const std::filesystem::path& file) {
  SignatureVerifier verifier;
  verifier.keys_->cert = certificateFrom(file);
  verifier.keys_->key = Key(X509_get_pubkey(verifier.keys_->cert.get()), EVP_PKEY_free);
  if (!verifier.keys_->key) throw SigningError(file.string() + ": the certificate has no usable public key");
  algorithmOf(verifier.keys_->key.get(), file);
  return verifier;
}

std::string SignatureVerifier::keySha256() const { return publicKeySha256(keys_->key.get()); }

bool SignatureVerifier::verifies(std::string_view bytes, std::string_view signature, std::string_view format) const {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  if (format == "raw") {
    const MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool ok = ctx &&
                    EVP_DigestVerifyInit(ctx.get(), nullptr, digestFor(keys_->key.get()), nullptr, keys_->key.get()) == 1 &&
                    EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                     data, bytes.size()) == 1;
    ERR_clear_error();
    return ok;
  }
  if (format != "cms-detached") return false;
  const auto* der = reinterpret_cast<const unsigned char*>(signature.data());
  const Cms cms(d2i_CMS_ContentInfo(nullptr, &der, static_cast<long>(signature.size())), CMS_ContentInfo_free);
  if (!cms) {
    ERR_clear_error();
    return false;
  }
  const Bio content = memoryBio(bytes);
  if (CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    ERR_clear_error();
    return false;
  }
  // The signer must also be the trusted certificate (or hold the trusted key): the certificates
  // the message carries only find the signer, they are never trusted for themselves. (The
  // signers are known only after CMS_verify.)
  STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
  bool ok = signers && sk_X509_num(signers) > 0;
  for (int i = 0; ok && i < sk_X509_num(signers); ++i) {
    X509* signer = sk_X509_value(signers, i);
    ok = keys_->cert ? X509_cmp(signer, keys_->cert.get()) == 0
                     : EVP_PKEY_eq(X509_get0_pubkey(signer), keys_->key.get()) == 1;
  }
  sk_X509_free(signers);
  ERR_clear_error();
  return ok;
}

}  // namespace gpc::reporters
