#pragma once
// Signing a report manifest and checking the signature (docs/reports.md, Signed reports), over
// OpenSSL EVP. Keys: Ed25519 or ECDSA P-256 (with SHA-256). Without a certificate the signature
// is the raw EVP signature of the bytes (Ed25519: 64 bytes; ECDSA: DER); with one it is a
// detached CMS (PKCS#7) SignedData in DER, binary content, the certificate included (ECDSA
// P-256 only: OpenSSL 3.0's CMS cannot sign with Ed25519).

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gpc::reporters {

// A key or certificate file that cannot be used; what() names the file and the reason.
class SigningError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Who signs, as the reports show it before the signature exists.
struct SignerDescription {
  std::string algorithm;           // "Ed25519" or "ECDSA P-256 SHA-256"
  std::string format;              // "raw" or "cms-detached"
  std::string keySha256;           // SHA-256 of the public key's DER SubjectPublicKeyInfo
  std::string certificateSubject;  // one-line subject of the certificate; "" without one
};

class ManifestSigner {
 public:
  // Loads the private key (PEM, unencrypted) and, when given, the certificate (PEM), which
  // must be for that key. Throws SigningError for anything else (another key type, a
  // certificate for another key, an unreadable file).
  ManifestSigner(const std::filesystem::path& keyFile, const std::filesystem::path& certFile = {});
  ~ManifestSigner();
  ManifestSigner(const ManifestSigner&) = delete;
  ManifestSigner& operator=(const ManifestSigner&) = delete;

  const SignerDescription& description() const { return description_; }
  std::string sign(std::string_view bytes) const;

 private:
  struct Keys;
  std::unique_ptr<Keys> keys_;
  SignerDescription description_;
};

// The key a reviewer trusts: a public key (PEM SubjectPublicKeyInfo, or a private key PEM whose
// public half is used) or a certificate (PEM).
class SignatureVerifier {
 public:
  static SignatureVerifier fromPublicKey(const std::filesystem::path& file);
  static SignatureVerifier fromCertificate(const std::filesystem::path& file);
  ~SignatureVerifier();
  SignatureVerifier(SignatureVerifier&&) noexcept;

  // True when `signature` is a signature of `bytes` by the trusted key: a raw signature, or a
  // detached CMS signature whose signer is the trusted certificate (or, with a public key, a
  // signer certificate holding that key). The CMS signer's chain is not judged: trust is the
  // certificate or key given, not a CA.
  bool verifies(std::string_view bytes, std::string_view signature, std::string_view format) const;
  std::string keySha256() const;

 private:
  SignatureVerifier();
  struct Keys;
  std::unique_ptr<Keys> keys_;
};

}  // namespace gpc::reporters
