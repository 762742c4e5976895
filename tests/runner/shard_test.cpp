// run --shard I/N: the split is a partition (every case in exactly one shard), fixed by the case
// ids alone (the published FNV-1a values pin it), and balanced by durations when given.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "runner/suite/shard.h"

namespace gpc {
namespace {

std::vector<std::string> manyIds(int n) {
  std::vector<std::string> ids;
  for (int k = 0; k < n; ++k) ids.push_back("CASE-" + std::to_string(k));
  return ids;
}

TEST(ShardSpec, ParsesAndRefuses) {
  const ShardSpec spec = parseShardSpec("2/3");
  EXPECT_EQ(spec.index, 2);
  EXPECT_EQ(spec.count, 3);
  EXPECT_THROW(parseShardSpec("3"), std::invalid_argument);
  EXPECT_THROW(parseShardSpec("0/3"), std::invalid_argument);
  EXPECT_THROW(parseShardSpec("4/3"), std::invalid_argument);
  EXPECT_THROW(parseShardSpec("1/0"), std::invalid_argument);
  EXPECT_THROW(parseShardSpec("a/3"), std::invalid_argument);
  EXPECT_THROW(parseShardSpec("1/3x"), std::invalid_argument);
  EXPECT_THROW(parseShardSpec("1/1001"), std::invalid_argument);
  try {
    parseShardSpec("5/4");
    FAIL() << "5/4 accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("1 to N (4)"), std::string::npos) << e.what();
  }
}

// FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (mod 3 = 1), of "foobar" 0x85944171f73967e8 (mod 3 = 0):
// shard numbers are 1-based, so "a" is in shard 2/3 and "foobar" in 1/3 on every machine.
TEST(ShardPositions, HashIsTheFixedFnv1a) {
  const std::vector<std::string> ids = {"a", "foobar"};
  EXPECT_EQ(shardPositions(ids, {1, 3}), std::vector<std::size_t>{1});
  EXPECT_EQ(shardPositions(ids, {2, 3}), std::vector<std::size_t>{0});
  EXPECT_TRUE(shardPositions(ids, {3, 3}).empty());
}

void expectPartition(const std::vector<std::string>& ids, int count, const CaseDurations& durations) {
  std::multiset<std::size_t> seen;
  for (int index = 1; index <= count; ++index) {
    const auto positions = shardPositions(ids, {index, count}, durations);
    EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
    seen.insert(positions.begin(), positions.end());
  }
  ASSERT_EQ(seen.size(), ids.size());
  for (std::size_t k = 0; k < ids.size(); ++k) EXPECT_EQ(seen.count(k), 1u) << ids[k];
}

TEST(ShardPositions, EveryCaseInExactlyOneShard) {
  const auto ids = manyIds(500);
  for (int count : {1, 2, 3, 7}) expectPartition(ids, count, {});
  CaseDurations durations;
  for (int k = 0; k < 400; ++k) durations["CASE-" + std::to_string(k)] = k % 37;
  for (int count : {1, 2, 3, 7}) expectPartition(ids, count, durations);
}

TEST(ShardPositions, HashSplitIsRoughlyEvenAndStableWhenCasesAreAdded) {
  auto ids = manyIds(900);
  const auto before = shardPositions(ids, {2, 3});
  EXPECT_GT(before.size(), 250u);
  EXPECT_LT(before.size(), 350u);
  ids.insert(ids.begin(), "NEW-CASE");  // every old case moves one position down
  const auto after = shardPositions(ids, {2, 3});
  std::set<std::string> was, is;
  for (auto k : before) was.insert("CASE-" + std::to_string(k));
  for (auto k : after)
    if (ids[k] != "NEW-CASE") is.insert(ids[k]);
  EXPECT_EQ(was, is);
}

// Longest first, each to the lightest shard so far (ties to the lower shard).
TEST(ShardPositions, DurationsBalanceByGreedyPacking) {
  const std::vector<std::string> ids = {"A", "B", "C", "D", "E", "F"};
  const CaseDurations durations = {{"A", 8}, {"B", 7}, {"C", 6}, {"D", 5}, {"E", 4}};  // F unknown: the mean, 6
  // Order by cost, ties by id: A 8, C 6, F 6, B 7 -> A 8, B 7, C 6, F 6, D 5, E 4.
  // A->1 (8), B->2 (7), C->2 (13), F->1 (14), D->2 (18), E->1 (18).
  EXPECT_EQ(shardPositions(ids, {1, 2}, durations), (std::vector<std::size_t>{0, 4, 5}));
  EXPECT_EQ(shardPositions(ids, {2, 2}, durations), (std::vector<std::size_t>{1, 2, 3}));
}

TEST(ShardPositions, DurationsBeatTheHashOnUnevenCases) {
  // One slow case per ten: the hash split's totals can differ by whole slow cases, packing's cannot.
  const auto ids = manyIds(60);
  CaseDurations durations;
  for (int k = 0; k < 60; ++k) durations[ids[k]] = k % 10 == 0 ? 1000 : 10;
  auto total = [&](const std::vector<std::size_t>& positions) {
    double sum = 0;
    for (auto k : positions) sum += durations[ids[k]];
    return sum;
  };
  std::vector<double> packed;
  for (int index = 1; index <= 3; ++index) packed.push_back(total(shardPositions(ids, {index, 3}, durations)));
  const auto [low, high] = std::minmax_element(packed.begin(), packed.end());
  EXPECT_LE(*high - *low, 10.0);
}

}  // namespace
}  // namespace gpc
