#pragma once
// Per-interaction response times of a run (p50/p95/max against the budget), for the JSON and
// HTML reports and the console. Derived from the exchanges alone, so a report read back gives
// the same figures.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runner/core/model.h"
#include "runner/latency/budget.h"

namespace gpc::latency {

struct InteractionLatency {
  std::string interaction;
  InteractionKind kind = InteractionKind::Query;
  std::size_t count = 0;  // exchanges with an HTTP response
  double p50Ms = 0, p95Ms = 0, maxMs = 0;
  std::size_t overShould = 0;  // warnings (over SHOULD, under SHALL)
  std::size_t overShall = 0;   // failed latency checks
};

// Nearest-rank percentile (q in (0, 100]) of values sorted ascending; 0 for none. Nearest rank
// always names a time that was measured, never an interpolation between two.
double nearestRank(const std::vector<double>& sorted, double q);

// The 1-based nearest rank ceil(q% * n), at least 1 and at most n (n > 0). The epsilon keeps
// 99.9% of 1,000 at rank 999: 99.9 / 100 is 0.99900000000000011 in binary floating point.
std::uint64_t nearestRankOf(double q, std::uint64_t n);

// One row per interaction that had an answered exchange, by interaction name. Exchanges without
// an HTTP response or without a kind (a report from before 1.3) are left out.
std::vector<InteractionLatency> summariseLatency(const std::vector<CaseResult>& cases);

// Checks that passed with a warning, over the whole run.
std::size_t countWarnings(const std::vector<CaseResult>& cases);

}  // namespace gpc::latency
