#include "runner/load/latency_histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "runner/latency/run_latency.h"

namespace gpc::load {
namespace {

TEST(LatencyHistogram, EmptyGivesZeros) {
  const LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentileMs(99), 0);
  EXPECT_EQ(h.maxMs(), 0);
  EXPECT_TRUE(h.buckets().empty());
}

// Every percentile within 0.2% of the exact nearest-rank value over a spread from 50 us to 40 s.
TEST(LatencyHistogram, PercentilesWithinThreeSignificantDigits) {
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> times(2.0, 1.5);  // ms
  std::vector<double> exact;
  LatencyHistogram h;
  for (int i = 0; i < 200000; ++i) {
    const double ms = std::clamp(times(random), 0.05, 40000.0);
    exact.push_back(ms);
    h.record(ms);
  }
  std::sort(exact.begin(), exact.end());
  for (double q : {50.0, 90.0, 99.0, 99.9, 100.0}) {
    const double want = latency::nearestRank(exact, q);
    EXPECT_NEAR(h.percentileMs(q), want, want * 0.002 + 0.001) << "p" << q;
  }
  EXPECT_EQ(h.count(), 200000u);
  EXPECT_NEAR(h.maxMs(), exact.back(), 0.001);
}

TEST(LatencyHistogram, CountsOverALimit) {
  LatencyHistogram h;
  for (double ms : {10.0, 99.0, 101.0, 249.0, 251.0, 3000.5}) h.record(ms);
  EXPECT_EQ(h.countAbove(100), 4u);
  EXPECT_EQ(h.countAbove(250), 2u);
  EXPECT_EQ(h.countAbove(3000), 1u);
}

TEST(LatencyHistogram, MergeAddsCountsAndKeepsExtremes) {
  LatencyHistogram a, b;
  a.record(1);
  a.record(2);
  b.record(500);
  a.merge(b);
  EXPECT_EQ(a.count(), 3u);
  EXPECT_NEAR(a.maxMs(), 500, 0.001);
  EXPECT_NEAR(a.minMs(), 1, 0.001);
  EXPECT_NEAR(a.percentileMs(100), 500, 0.001);
}

TEST(LatencyHistogram, AbsurdValuesAreClampedNotUndefined) {
  LatencyHistogram h;
  h.record(-5);
  h.record(1e30);
  EXPECT_EQ(h.count(), 2u);
  EXPECT_GT(h.maxMs(), 1e9);  // the ceiling, about 12.7 days
  EXPECT_EQ(h.minMs(), 0);
}

}  // namespace
}  // namespace gpc::load
