// The latency budgets of docs/reports.md (Response times): limits per kind, where a time
// stands, the check every answered exchange gets, and the per-interaction percentiles.

#include <gtest/gtest.h>

#include "runner/checks/latency_check.h"
#include "runner/latency/budget.h"
#include "runner/latency/run_latency.h"

namespace gpc::latency {
namespace {

TEST(LatencyBudget, TheSpecsLimitsPerKind) {
  EXPECT_EQ(budgetFor(InteractionKind::Command).shallMs, 250);
  EXPECT_EQ(budgetFor(InteractionKind::Command).shouldMs, 100);
  EXPECT_EQ(budgetFor(InteractionKind::Query).shallMs, 3000);
  EXPECT_EQ(budgetFor(InteractionKind::Query).shouldMs, 1000);
  EXPECT_EQ(parseKind("command"), InteractionKind::Command);
  EXPECT_EQ(parseKind("query"), InteractionKind::Query);
  EXPECT_FALSE(parseKind("Query"));
  EXPECT_EQ(toString(InteractionKind::Command), "command");
}

TEST(LatencyBudget, UnderMeansStrictlyBelow) {
  const auto b = budgetFor(InteractionKind::Command);
  EXPECT_EQ(judge(b, 99.9), Standing::Within);
  EXPECT_EQ(judge(b, 100), Standing::OverShould);
  EXPECT_EQ(judge(b, 249.9), Standing::OverShould);
  EXPECT_EQ(judge(b, 250), Standing::OverShall);
}

HttpResponse answeredIn(double ms) {
  HttpResponse r;
  r.status = 200;
  r.providerMs = ms;
  r.elapsedMs = ms + 500;  // connection set-up is not judged
  return r;
}

TEST(LatencyCheck, PassWarningAndFailure) {
  const auto fast = checks::checkLatency(InteractionKind::Query, answeredIn(12));
  EXPECT_TRUE(fast.passed);
  EXPECT_FALSE(fast.warning);
  EXPECT_EQ(fast.kind, "latency");
  EXPECT_EQ(fast.subject, "response time (query)");
  EXPECT_EQ(fast.expected, "< 3000 ms (SHALL), < 1000 ms (SHOULD)");
  EXPECT_EQ(fast.actual, "12.0 ms");

  const auto slowish = checks::checkLatency(InteractionKind::Command, answeredIn(180));
  EXPECT_TRUE(slowish.passed);
  EXPECT_TRUE(slowish.warning);
  EXPECT_EQ(slowish.message, "answered in 180.0 ms: over the command SHOULD limit of 100 ms");

  const auto slow = checks::checkLatency(InteractionKind::Command, answeredIn(250));
  EXPECT_FALSE(slow.passed);
  EXPECT_FALSE(slow.warning);
  EXPECT_EQ(slow.message, "answered in 250.0 ms: over the command SHALL limit of 250 ms");
}

TEST(RunLatency, NearestRankNamesAMeasuredValue) {
  std::vector<double> v;
  for (int i = 1; i <= 100; ++i) v.push_back(i);
  EXPECT_EQ(nearestRank(v, 50), 50);
  EXPECT_EQ(nearestRank(v, 95), 95);
  EXPECT_EQ(nearestRank(v, 100), 100);
  EXPECT_EQ(nearestRank({7}, 50), 7);
  EXPECT_EQ(nearestRank({1, 2, 3}, 50), 2);
  EXPECT_EQ(nearestRank({1, 2, 3, 4}, 50), 2);
  EXPECT_EQ(nearestRank({}, 50), 0);
  // 99.9 / 100 * 1000 is 999.0000000000001 in floating point: still rank 999, not 1000.
  std::vector<double> thousand;
  for (int i = 1; i <= 1000; ++i) thousand.push_back(i);
  EXPECT_EQ(nearestRank(thousand, 99.9), 999);
  EXPECT_EQ(nearestRankOf(99.9, 1000), 999u);
  EXPECT_EQ(nearestRankOf(0.0001, 10), 1u);
}

Exchange exchange(const std::string& interaction, const std::string& kind, double ms, long status = 200) {
  Exchange e;
  e.interaction = interaction;
  e.kind = kind;
  e.response.status = status;
  e.response.providerMs = ms;
  return e;
}

TEST(RunLatency, RowsPerInteractionCountingEachLimit) {
  CaseResult a, b;
  a.exchanges = {exchange("read:patient", "query", 10), exchange("read:patient", "query", 1200),
                 exchange("gpc.registerpatient", "command", 300)};
  b.exchanges = {exchange("read:patient", "query", 20), exchange("read:patient", "query", 0, 0),  // no answer
                 exchange("legacy", "", 5)};                                                         // a 1.2 report
  const auto rows = summariseLatency({a, b});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].interaction, "gpc.registerpatient");
  EXPECT_EQ(rows[0].kind, InteractionKind::Command);
  EXPECT_EQ(rows[0].overShall, 1u);
  EXPECT_EQ(rows[1].interaction, "read:patient");
  EXPECT_EQ(rows[1].count, 3u);
  EXPECT_EQ(rows[1].p50Ms, 20);
  EXPECT_EQ(rows[1].p95Ms, 1200);
  EXPECT_EQ(rows[1].maxMs, 1200);
  EXPECT_EQ(rows[1].overShould, 1u);
  EXPECT_EQ(rows[1].overShall, 0u);
}

}  // namespace
}  // namespace gpc::latency
