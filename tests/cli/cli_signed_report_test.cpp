// Signed reports: `run --sign-key` writes manifest.json and manifest.sig; `verify-report` catches
// any changed byte, a file swapped in from another run, and a key that is not the signer's.
// Keys are made here with OpenSSL into the test's workspace.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Key newKey(bool ed25519) {
  return Key(ed25519 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519") : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"),
             EVP_PKEY_free);
}

void writePem(const fs::path& file, const std::function<int(BIO*)>& write) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(file.string().c_str(), "w"), BIO_free);
  ASSERT_TRUE(bio);
  ASSERT_EQ(write(bio.get()), 1) << file;
}

// KEY.pem (private), KEY.pub (public) and, for EC, KEY.crt (self-signed) under `dir`.
fs::path makeKeyFiles(const fs::path& dir, const std::string& name, bool ed25519) {
  const Key key = newKey(ed25519);
  const fs::path base = dir / name;
  writePem(base.string() + ".pem", [&](BIO* b) { return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
  writePem(base.string() + ".pub", [&](BIO* b) { return PEM_write_bio_PUBKEY(b, key.get()); });
  if (!ed25519) {
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* subject = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(name.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), subject);
    EXPECT_GT(X509_sign(cert.get(), key.get(), EVP_sha256()), 0);
    writePem(base.string() + ".crt", [&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); });
  }
  return base;
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; }

class SignedReport : public ::testing::Test {
 protected:
  CliWorkspace ws;
  FakeProvider provider{200};
  fs::path keys = ws.root() / "keys";

  void SetUp() override {
    ws.writeTinySuites();
    fs::create_directories(keys);
  }
  ProcessResult run(const fs::path& out, std::vector<std::string> extra) {
    std::vector<std::string> args = {"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                                     ws.suites().string(), "--out", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return gpcAssure(args);
  }
  ProcessResult verify(const fs::path& dir, const std::string& option, const fs::path& file) {
    return gpcAssure({"verify-report", dir.string(), option, file.string()});
  }
};

TEST_F(SignedReport, EveryFlippedByteInEveryFileIsCaughtNamingTheFile) {
  const auto key = makeKeyFiles(keys, "ed", true);
  const fs::path out = ws.root() / "signed";
  const auto r = run(out, {"--sign-key", key.string() + ".pem"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  const fs::path pub = key.string() + ".pub";
  const auto intact = verify(out, "--pubkey", pub);
  ASSERT_EQ(intact.exitCode, 0) << intact.out << intact.err;
  EXPECT_NE(intact.out.find("5 files match manifest.json"), std::string::npos) << intact.out;

  for (const std::string file : {"junit.xml", "report.json", "report.json.sha256", "report.html", "report.html.sha256",
                                 "manifest.json", "manifest.sig"}) {
    const std::string original = slurp(out / file);
    ASSERT_FALSE(original.empty()) << file;
    std::string flipped = original;
    flipped[flipped.size() / 2] ^= 0x01;
    spit(out / file, flipped);
    const auto caught = verify(out, "--pubkey", pub);
    EXPECT_EQ(caught.exitCode, 1) << file << ": " << caught.out << caught.err;
    const bool signedPart = file.rfind("manifest", 0) == 0;
    EXPECT_NE(caught.err.find(signedPart ? std::string("signature does not verify") : file + ": altered"), std::string::npos)
        << file << ": " << caught.err;
    spit(out / file, original);
  }
  fs::remove(out / "report.html");
  const auto missing = verify(out, "--pubkey", pub);
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find("report.html: missing"), std::string::npos) << missing.err;
}

TEST_F(SignedReport, AFileFromAnotherRunIsCaught) {
  const auto key = makeKeyFiles(keys, "ed", true);
  const fs::path first = ws.root() / "first", second = ws.root() / "second";
  ASSERT_EQ(run(first, {"--sign-key", key.string() + ".pem"}).exitCode, 0);
  ASSERT_EQ(run(second, {"--sign-key", key.string() + ".pem"}).exitCode, 0);
  // Both runs are genuine and signed by the same key; mixing them is still caught.
  fs::copy_file(second / "report.json", first / "report.json", fs::copy_options::overwrite_existing);
  const auto caught = verify(first, "--pubkey", fs::path(key.string() + ".pub"));
  EXPECT_EQ(caught.exitCode, 1);
  EXPECT_NE(caught.err.find("report.json: altered"), std::string::npos) << caught.err;
  // A manifest and signature pair from the other run does not match this run's files either.
  fs::copy_file(second / "report.json", first / "report.json", fs::copy_options::overwrite_existing);
  fs::copy_file(second / "manifest.sig", first / "manifest.sig", fs::copy_options::overwrite_existing);
  EXPECT_EQ(verify(first, "--pubkey", fs::path(key.string() + ".pub")).exitCode, 1);
}

TEST_F(SignedReport, AnotherKeyDoesNotVerify) {
  const auto key = makeKeyFiles(keys, "ed", true);
  const auto other = makeKeyFiles(keys, "other", true);
  const fs::path out = ws.root() / "signed";
  ASSERT_EQ(run(out, {"--sign-key", key.string() + ".pem"}).exitCode, 0);
  const auto wrong = verify(out, "--pubkey", fs::path(other.string() + ".pub"));
  EXPECT_EQ(wrong.exitCode, 1);
  EXPECT_NE(wrong.err.find("signature does not verify"), std::string::npos) << wrong.err;
}

TEST_F(SignedReport, ACertificateMakesACmsSignatureCheckedAgainstThatCertificate) {
  const auto key = makeKeyFiles(keys, "ec", false);
  const auto other = makeKeyFiles(keys, "other", false);
  const fs::path out = ws.root() / "cms";
  const auto r = run(out, {"--sign-key", key.string() + ".pem", "--sign-cert", key.string() + ".crt"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(slurp(out / "manifest.json").find("\"format\": \"cms-detached\""), std::string::npos);
  EXPECT_NE(slurp(out / "report.html").find("CN=ec"), std::string::npos);  // the signer, shown to the reviewer
  EXPECT_EQ(verify(out, "--cert", fs::path(key.string() + ".crt")).exitCode, 0);
  EXPECT_EQ(verify(out, "--pubkey", fs::path(key.string() + ".pub")).exitCode, 0);
  const auto wrong = verify(out, "--cert", fs::path(other.string() + ".crt"));
  EXPECT_EQ(wrong.exitCode, 1);
  EXPECT_NE(wrong.err.find("signature does not verify"), std::string::npos) << wrong.err;
}

TEST_F(SignedReport, NoKeyNoManifestAndVerifyNeedsATrustedKey) {
  const fs::path out = ws.root() / "plain";
  ASSERT_EQ(run(out, {}).exitCode, 0);
  EXPECT_FALSE(fs::exists(out / "manifest.json"));
  EXPECT_FALSE(fs::exists(out / "manifest.sig"));
  EXPECT_EQ(slurp(out / "report.html").find("id=\"signer\""), std::string::npos);
  EXPECT_EQ(gpcAssure({"verify-report", out.string()}).exitCode, 2);
  const auto key = makeKeyFiles(keys, "ed", true);
  const auto unsignedDir = verify(out, "--pubkey", fs::path(key.string() + ".pub"));
  EXPECT_EQ(unsignedDir.exitCode, 1);
  EXPECT_NE(unsignedDir.err.find("manifest.json: missing"), std::string::npos) << unsignedDir.err;
}

TEST_F(SignedReport, AnUnusableKeyIsAUsageErrorBeforeTheRun) {
  ws.write("keys/not-a-key.pem", "hello\n");
  const auto r = run(ws.root() / "x", {"--sign-key", (keys / "not-a-key.pem").string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("not-a-key.pem: not a usable private key"), std::string::npos) << r.err;
  EXPECT_TRUE(provider.paths().empty());  // nothing was sent
}

}  // namespace
}  // namespace gpc::testing
