// gpc-assure merge: shards of one split become the unsharded run's result (every case once, in
// suite order, recounted); overlapping, missing, foreign or repeated shards are errors naming them.
#include <gtest/gtest.h>

#include "runner/schedule/shard_merge.h"

namespace gpc::schedule {
namespace {

CaseResult result(const std::string& id, Verdict verdict) {
  CaseResult c;
  c.info.id = id;
  c.verdict = verdict;
  return c;
}

ShardReport shard(int index, int count, int selected, std::vector<CaseResult> cases, std::string startedAt = "",
                  double durationMs = 0) {
  ShardReport r;
  r.source = "shard" + std::to_string(index) + "/report.json";
  r.run.info.shard = {index, count, selected, "case id hash", 0};
  r.run.info.startedAt = startedAt;
  r.run.finishedAt = startedAt;
  r.run.durationMs = durationMs;
  r.run.cases = std::move(cases);
  r.run.summary = summarise(r.run.cases);
  return r;
}

std::string mergeError(std::vector<ShardReport> shards) {
  try {
    mergeShards(std::move(shards), {});
  } catch (const ShardMergeError& e) {
    return e.what();
  }
  return "(merged)";
}

TEST(ShardMerge, PutsCasesInSuiteOrderAndRecounts) {
  const auto merged = mergeShards(
      {shard(2, 2, 4, {result("B", Verdict::Failed), result("D", Verdict::Passed)}, "2026-01-01T10:00:01.000Z", 900),
       shard(1, 2, 4, {result("A", Verdict::Passed), result("C", Verdict::Skipped)}, "2026-01-01T10:00:00.000Z", 1200)},
      {"A", "B", "C", "D"});
  const RunResult& run = merged.result;
  ASSERT_EQ(run.cases.size(), 4u);
  EXPECT_EQ(run.cases[0].info.id, "A");
  EXPECT_EQ(run.cases[1].info.id, "B");
  EXPECT_EQ(run.cases[2].info.id, "C");
  EXPECT_EQ(run.cases[3].info.id, "D");
  EXPECT_EQ(run.summary.total, 4);
  EXPECT_EQ(run.summary.passed, 2);
  EXPECT_EQ(run.summary.failed, 1);
  EXPECT_EQ(run.summary.skipped, 1);
  EXPECT_EQ(run.info.startedAt, "2026-01-01T10:00:00.000Z");
  EXPECT_EQ(run.finishedAt, "2026-01-01T10:00:01.000Z");
  EXPECT_EQ(run.durationMs, 1200);
  EXPECT_EQ(run.info.shard.merged, 2);
  EXPECT_EQ(run.info.shard.count, 2);
  EXPECT_EQ(run.info.shard.index, 0);
  EXPECT_TRUE(merged.warnings.empty());
}

TEST(ShardMerge, CasesTheSuitesDoNotNameGoLastInShardOrder) {
  const auto merged = mergeShards({shard(1, 2, 3, {result("Z", Verdict::Passed)}),
                                   shard(2, 2, 3, {result("Y", Verdict::Passed), result("A", Verdict::Passed)})},
                                  {"A"});
  ASSERT_EQ(merged.result.cases.size(), 3u);
  EXPECT_EQ(merged.result.cases[0].info.id, "A");
  EXPECT_EQ(merged.result.cases[1].info.id, "Z");
  EXPECT_EQ(merged.result.cases[2].info.id, "Y");
}

TEST(ShardMerge, MissingShardIsNamed) {
  EXPECT_EQ(mergeError({shard(1, 3, 2, {result("A", Verdict::Passed)}), shard(3, 3, 2, {result("B", Verdict::Passed)})}),
            "missing shard 2/3");
}

TEST(ShardMerge, RepeatedShardIsNamed) {
  auto again = shard(1, 2, 2, {result("A", Verdict::Passed)});
  again.source = "copy/report.json";
  EXPECT_EQ(mergeError({shard(1, 2, 2, {result("A", Verdict::Passed)}), again}),
            "shard 1/2 given twice: shard1/report.json and copy/report.json");
}

TEST(ShardMerge, OverlappingCaseIsNamed) {
  EXPECT_EQ(mergeError({shard(1, 2, 2, {result("A", Verdict::Passed)}), shard(2, 2, 2, {result("A", Verdict::Failed)})}),
            "case A is in both shard1/report.json (shard 1/2) and shard2/report.json (shard 2/2)");
}

TEST(ShardMerge, OtherSplitsAndUnshardedReportsAreRefused) {
  EXPECT_NE(mergeError({shard(1, 2, 2, {result("A", Verdict::Passed)}), shard(2, 3, 2, {result("B", Verdict::Passed)})})
                .find("shard2/report.json (shard 2/3) is one of 3 shards"),
            std::string::npos);
  ShardReport whole = shard(1, 1, 1, {result("A", Verdict::Passed)});
  whole.run.info.shard = {};
  EXPECT_EQ(mergeError({whole}), "shard1/report.json: not a shard report (it was run without --shard)");
  EXPECT_NE(mergeError({shard(1, 2, 3, {result("A", Verdict::Passed)}), shard(2, 2, 3, {result("B", Verdict::Passed)})})
                .find("the shards hold 2 cases but split a selection of 3"),
            std::string::npos);
  auto otherFilters = shard(2, 2, 2, {result("B", Verdict::Passed)});
  otherFilters.run.info.filters = {"--tag x"};
  EXPECT_NE(mergeError({shard(1, 2, 2, {result("A", Verdict::Passed)}), otherFilters}).find("split another selection"),
            std::string::npos);
  EXPECT_EQ(mergeError({}), "no shard report given");
}

TEST(ShardMerge, StoppedShardsAndOtherSeedsAreKept) {
  auto first = shard(1, 2, 2, {result("A", Verdict::Passed)});
  auto second = shard(2, 2, 2, {result("B", Verdict::Skipped)});
  second.run.stopped = "run interrupted by SIGTERM";
  second.run.info.seed = 7;
  const auto merged = mergeShards({first, second}, {});
  EXPECT_EQ(merged.result.stopped, "shard 2/2: run interrupted by SIGTERM");
  ASSERT_EQ(merged.warnings.size(), 1u);
  EXPECT_NE(merged.warnings[0].find("seed 7"), std::string::npos) << merged.warnings[0];
}

}  // namespace
}  // namespace gpc::schedule
