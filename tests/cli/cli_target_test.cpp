// `gpc-assure target init` and `target check` through the real binary: the skeleton is refused
// until its placeholders are filled in, then accepted; check names file + JSON path for a bad
// file (exit 2) and each endpoint whose metadata read fails (exit 1).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

// The skeleton with every placeholder filled in for a provider at `foundations` only (the
// other groups, the SSP and TLS left out, as a supplier testing one group directly would).
void fillIn(const fs::path& file, const std::string& foundations) {
  auto doc = readJson(file);
  doc["name"] = "Supplier test system";
  doc["endpoints"] = {{"foundations", foundations}};
  doc.erase("ssp_prefix");
  doc.erase("tls");
  doc["asid"] = {{"consumer", "200000000359"}, {"provider", "918999198738"}};
  doc["practice"]["ods"] = "B82617";
  doc["jwt"]["iss"] = "https://consumer.example.nhs.uk";
  std::ofstream(file) << doc.dump(2);
}

TEST(CliTarget, InitWritesACommentedSkeletonThatCheckRefusesUntilFilledIn) {
  CliWorkspace ws;
  const fs::path file = ws.root() / "my-provider.json";
  const auto init = gpcAssure({"target", "init", file.string()});
  ASSERT_EQ(init.exitCode, 0) << init.out << init.err;
  EXPECT_NE(init.out.find("gpc-assure target check " + file.string()), std::string::npos) << init.out;
  const auto doc = readJson(file);
  EXPECT_TRUE(doc.contains("_comment"));
  EXPECT_TRUE(doc["patients"].contains("patient2"));  // the data pack's names and NHS numbers
  EXPECT_FALSE(doc["patients"]["patient2"].contains("id"));  // logical ids are the provider's own

  const auto unfilled = gpcAssure({"target", "check", file.string()});
  EXPECT_EQ(unfilled.exitCode, 2) << unfilled.out << unfilled.err;
  EXPECT_NE(unfilled.err.find("gpc-assure target check: " + file.string() + ": /asid/consumer: still the placeholder \"<consumer ASID>\""),
            std::string::npos)
      << unfilled.err;

  FakeProvider provider(200);
  fillIn(file, provider.foundations());
  const auto filled = gpcAssure({"target", "check", file.string()});
  EXPECT_EQ(filled.exitCode, 0) << filled.out << filled.err;
  EXPECT_NE(filled.out.find(file.string() + ": valid (1 endpoint groups"), std::string::npos) << filled.out;
  EXPECT_NE(filled.out.find("ok     foundations " + provider.foundations() + "/metadata: 200 CapabilityStatement"),
            std::string::npos)
      << filled.out;
  EXPECT_EQ(provider.paths(), std::vector<std::string>{"/B82617/STU3/1/gpconnect/metadata"});
}

TEST(CliTarget, InitNeverOverwritesWithoutForceAndWritesToStdoutWithoutAFile) {
  CliWorkspace ws;
  ws.write("t.json", "{}");
  const auto refused = gpcAssure({"target", "init", (ws.root() / "t.json").string()});
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_NE(refused.err.find("already exists (--force replaces it)"), std::string::npos) << refused.err;
  EXPECT_EQ(gpcAssure({"target", "init", (ws.root() / "t.json").string(), "--force"}).exitCode, 0);
  EXPECT_TRUE(readJson(ws.root() / "t.json").contains("endpoints"));
  const auto toStdout = gpcAssure({"target", "init"});
  EXPECT_EQ(toStdout.exitCode, 0);
  EXPECT_TRUE(nlohmann::json::parse(toStdout.out).contains("patients"));
}

TEST(CliTarget, CheckNamesTheFileAndJsonPathOfAnError) {
  CliWorkspace ws;
  const auto target = ws.writeTarget("http://127.0.0.1:1/x", R"(, "tls": {"verfy": true})");
  const auto r = gpcAssure({"target", "check", target.string()});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(target.string() + ": /tls/verfy: unknown key"), std::string::npos) << r.err;
}

TEST(CliTarget, CheckFailsEachEndpointWhoseMetadataReadFails) {
  CliWorkspace ws;
  FakeProvider provider(200);
  const auto target = ws.writeTarget(provider.foundations());
  auto doc = readJson(target);
  doc["endpoints"]["structured"] = provider.root() + "/B82617/STU3/1/gpconnect/structured";  // the fake answers 404
  doc["endpoints"]["html"] = "http://127.0.0.1:1/B82617/DSTU2/1/gpconnect";                // refused
  std::ofstream(target) << doc.dump();
  const auto r = gpcAssure({"target", "check", target.string()});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("ok     foundations"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAILED structured " + provider.root() + "/B82617/STU3/1/gpconnect/structured/metadata: 404"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("FAILED html http://127.0.0.1:1/B82617/DSTU2/1/gpconnect/metadata: no HTTP response"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2 of 3 endpoints did not answer the metadata read"), std::string::npos) << r.out;

  const auto offline = gpcAssure({"target", "check", target.string(), "--no-probe"});
  EXPECT_EQ(offline.exitCode, 0) << offline.out << offline.err;
}

TEST(CliTarget, CheckRefusesAnUnreadableTlsFile) {
  CliWorkspace ws;
  const auto target = ws.writeTarget("http://127.0.0.1:1/x", R"(, "tls": {"ca_bundle": "certs/none.pem"})");
  const auto r = gpcAssure({"target", "check", target.string(), "--no-probe"});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(target.string() + ": /tls/ca_bundle: cannot read the CA bundle"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gpc::testing
