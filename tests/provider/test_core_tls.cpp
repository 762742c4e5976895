// HTTPS and mutual TLS: throwaway CA, server and client certificates made with the openssl CLI.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "provider/reference_provider.h"
#include "tests/provider/provider_test_support.h"

namespace gpc::provider::testing {
namespace {

namespace fs = std::filesystem;

class CoreTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("gpc-tls-" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    const std::string d = dir_->string();
    const std::string script =
        "cd '" + d + "' && ( "
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=gpc-test-ca && "
        "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext && "
        "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 && "
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext && "
        "openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=gpc-test-client && "
        "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2 "
        ") > openssl.log 2>&1";
    ok_ = std::system(script.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    if (!ok_) GTEST_SKIP() << "openssl CLI could not make test certificates (see " << *dir_ << "/openssl.log)";
  }
  static ProviderOptions tlsOptions(bool mutual) {
    ProviderOptions o;
    o.threads = 2;
    o.tls = TlsOptions{*dir_ / "server.pem", *dir_ / "server.key", mutual ? *dir_ / "ca.pem" : fs::path()};
    return o;
  }
  static fs::path* dir_;
  static bool ok_;
};
fs::path* CoreTls::dir_ = nullptr;
bool CoreTls::ok_ = false;

TEST_F(CoreTls, ServesHttpsVerifiedAgainstTheTestCa) {
  ReferenceProvider p(tlsOptions(false));
  p.start();
  EXPECT_TRUE(p.rootUrl().starts_with("https://127.0.0.1:"));
  httplib::SSLClient client("127.0.0.1", p.port());
  client.set_ca_cert_path((*dir_ / "ca.pem").c_str());
  client.enable_server_certificate_verification(true);
  auto res = send(client, metadataCall());
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
}

TEST_F(CoreTls, MutualTlsRejectsClientsWithoutACertificate) {
  ReferenceProvider p(tlsOptions(true));
  p.start();
  {
    httplib::SSLClient anonymous("127.0.0.1", p.port());
    anonymous.enable_server_certificate_verification(false);
    auto res = send(anonymous, metadataCall());
    EXPECT_FALSE(res) << "a client without a certificate got status " << res->status;
  }
  httplib::SSLClient client("127.0.0.1", p.port(), (*dir_ / "client.pem").string(), (*dir_ / "client.key").string());
  client.set_ca_cert_path((*dir_ / "ca.pem").c_str());
  client.enable_server_certificate_verification(true);
  auto res = send(client, metadataCall());
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
}

TEST_F(CoreTls, BadTlsFilesAreNamed) {
  ProviderOptions o = tlsOptions(false);
  o.tls->keyFile = *dir_ / "missing.key";
  try {
    ReferenceProvider p(o);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.key"), std::string::npos) << e.what();
  }
  o = tlsOptions(false);
  o.tls->keyFile = *dir_ / "client.key";  // readable, but not the certificate's key
  try {
    ReferenceProvider p(o);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("matching certificate"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gpc::provider::testing
