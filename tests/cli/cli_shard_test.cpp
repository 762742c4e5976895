// run --shard I/N and merge through the real binary against the embedded provider: three shards
// merged give the cases and verdicts of the unsharded run; missing and overlapping shards are
// exit 2 naming them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

// id -> verdict, in report order (a vector keeps the order to compare).
std::vector<std::pair<std::string, std::string>> verdicts(const nlohmann::json& report) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& c : report.at("cases")) out.emplace_back(c.at("id"), c.at("verdict"));
  return out;
}

// Foundations with one fault: a mix of passed and failed cases, quick enough for a unit test.
std::vector<std::string> runArgs(const fs::path& out) {
  return {"run", "--suite", "foundations.*", "--fault", "etag-missing", "--seed", "11", "--jobs", "2",
          "--out", out.string(), "-q"};
}

class CliShard : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ws_ = new CliWorkspace();
    auto whole = gpcAssure(runArgs(ws_->root() / "whole"));
    ASSERT_EQ(whole.exitCode, 1) << whole.out << whole.err;  // the fault fails some cases
    for (int k = 1; k <= 3; ++k) {
      auto args = runArgs(ws_->root() / ("shard" + std::to_string(k)));
      args.insert(args.end(), {"--shard", std::to_string(k) + "/3"});
      const auto r = gpcAssure(args);
      ASSERT_LE(r.exitCode, 1) << r.out << r.err;
      ASSERT_NE(r.out.find("shard " + std::to_string(k) + "/3 ("), std::string::npos) << r.out;
    }
  }
  static void TearDownTestSuite() {
    delete ws_;
    ws_ = nullptr;
  }
  static fs::path shardDir(int k) { return ws_->root() / ("shard" + std::to_string(k)); }
  static CliWorkspace* ws_;
};

CliWorkspace* CliShard::ws_ = nullptr;

TEST_F(CliShard, ShardsArePartsOfTheSelectionAndSayWhich) {
  const auto whole = readJson(ws_->root() / "whole" / "report.json");
  std::size_t sum = 0;
  for (int k = 1; k <= 3; ++k) {
    const auto part = readJson(shardDir(k) / "report.json");
    const auto& shard = part.at("run").at("shard");
    EXPECT_EQ(shard.at("index"), k);
    EXPECT_EQ(shard.at("count"), 3);
    EXPECT_EQ(shard.at("selected"), whole.at("cases").size());
    EXPECT_EQ(shard.at("balanced_by"), "case id hash");
    EXPECT_GT(part.at("cases").size(), 0u);
    sum += part.at("cases").size();
    std::ifstream junit(shardDir(k) / "junit.xml");
    const std::string xml{std::istreambuf_iterator<char>(junit), std::istreambuf_iterator<char>()};
    EXPECT_NE(xml.find("name=\"shard\" value=\"shard " + std::to_string(k) + "/3"), std::string::npos);
  }
  EXPECT_EQ(sum, whole.at("cases").size());
  EXPECT_TRUE(whole.at("run").at("shard").is_null());
}

TEST_F(CliShard, MergedShardsHaveTheUnshardedCasesAndVerdicts) {
  const fs::path merged = ws_->root() / "merged";
  const auto r = gpcAssure({"merge", shardDir(3).string(), shardDir(1).string(), (shardDir(2) / "report.json").string(),
                            "--out", merged.string()});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;  // as the unsharded run: some cases failed
  const auto whole = readJson(ws_->root() / "whole" / "report.json");
  const auto joined = readJson(merged / "report.json");
  EXPECT_EQ(verdicts(joined), verdicts(whole));
  EXPECT_EQ(joined.at("summary"), whole.at("summary"));
  EXPECT_EQ(joined.at("run").at("shard").at("merged"), 3);
  for (const char* report : {"junit.xml", "report.html", "report.json.sha256"}) EXPECT_TRUE(fs::exists(merged / report)) << report;
  EXPECT_NE(r.out.find("merged from 3 shards"), std::string::npos) << r.out;
}

// The merged set is the one CI signs: its manifest verifies and names the merge.
TEST_F(CliShard, MergedSetIsSignedAndVerifies) {
  const fs::path key = ws_->root() / "merge-key.pem", pub = ws_->root() / "merge-key.pub";
  const std::string make = "openssl genpkey -algorithm ed25519 -out '" + key.string() + "' 2>/dev/null && openssl pkey -in '" +
                           key.string() + "' -pubout -out '" + pub.string() + "' 2>/dev/null";
  if (std::system(make.c_str()) != 0) GTEST_SKIP() << "openssl command not available";
  const fs::path merged = ws_->root() / "signed";
  const auto r = gpcAssure({"merge", shardDir(1).string(), shardDir(2).string(), shardDir(3).string(), "--out",
                            merged.string(), "--sign-key", key.string(), "-q"});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  const auto manifest = readJson(merged / "manifest.json");
  EXPECT_NE(manifest.at("run").at("shard").get<std::string>().find("merged from 3 shards"), std::string::npos);
  const auto verified = gpcAssure({"verify-report", merged.string(), "--pubkey", pub.string()});
  EXPECT_EQ(verified.exitCode, 0) << verified.out << verified.err;
}

TEST_F(CliShard, MissingOrOverlappingShardsAreNamed) {
  const auto missing = gpcAssure({"merge", shardDir(1).string(), shardDir(3).string(), "--out", (ws_->root() / "m1").string()});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("missing shard 2/3"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(ws_->root() / "m1" / "report.json"));
  const auto twice = gpcAssure({"merge", shardDir(1).string(), shardDir(2).string(), shardDir(1).string(), "--out",
                                (ws_->root() / "m2").string()});
  EXPECT_EQ(twice.exitCode, 2);
  EXPECT_NE(twice.err.find("shard 1/3 given twice"), std::string::npos) << twice.err;
  const auto whole = gpcAssure({"merge", (ws_->root() / "whole").string(), "--out", (ws_->root() / "m3").string()});
  EXPECT_EQ(whole.exitCode, 2);
  EXPECT_NE(whole.err.find("not a shard report"), std::string::npos) << whole.err;
}

TEST_F(CliShard, BadShardOptionsAreUsageErrors) {
  const auto bad = gpcAssure({"run", "--suite", "foundations.*", "--shard", "4/3", "--out", (ws_->root() / "bad").string()});
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.err.find("--shard 4/3: the shard I must be 1 to N (3)"), std::string::npos) << bad.err;
  const auto durations = gpcAssure({"run", "--suite", "foundations.*", "--shard", "1/3", "--durations",
                                    (ws_->root() / "nothing.json").string(), "--out", (ws_->root() / "bad").string()});
  EXPECT_EQ(durations.exitCode, 2);
  EXPECT_NE(durations.err.find("nothing.json"), std::string::npos) << durations.err;
}

TEST_F(CliShard, DurationsFromAReportBalanceTheSplit) {
  const fs::path out = ws_->root() / "balanced";
  auto args = runArgs(out);
  args.insert(args.end(), {"--shard", "2/3", "--durations", (ws_->root() / "whole" / "report.json").string()});
  const auto run = gpcAssure(args);
  ASSERT_LE(run.exitCode, 1) << run.out << run.err;
  const auto part = readJson(out / "report.json");
  EXPECT_NE(part.at("run").at("shard").at("balanced_by").get<std::string>().find("durations from"), std::string::npos);
}

}  // namespace
}  // namespace gpc::testing
