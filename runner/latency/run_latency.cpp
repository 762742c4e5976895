#include "runner/latency/run_latency.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace gpc::latency {

std::uint64_t nearestRankOf(double q, std::uint64_t n) {
  const double exact = q / 100.0 * static_cast<double>(n);
  const double rank = std::ceil(exact - 1e-9 * exact);
  return static_cast<std::uint64_t>(std::clamp(rank, 1.0, static_cast<double>(n)));
}

double nearestRank(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  return sorted[nearestRankOf(q, sorted.size()) - 1];
}

std::vector<InteractionLatency> summariseLatency(const std::vector<CaseResult>& cases) {
  struct Times {
    InteractionKind kind;
    std::vector<double> ms;
  };
  std::map<std::string, Times> byInteraction;
  for (const auto& c : cases)
    for (const auto& e : c.exchanges) {
      const auto kind = parseKind(e.kind);
      if (!kind || e.response.status == 0) continue;
      auto& times = byInteraction.try_emplace(e.interaction, Times{*kind, {}}).first->second;
      times.ms.push_back(e.response.providerMs);
    }
  std::vector<InteractionLatency> rows;
  for (auto& [name, times] : byInteraction) {
    std::sort(times.ms.begin(), times.ms.end());
    InteractionLatency row{name, times.kind, times.ms.size(), nearestRank(times.ms, 50), nearestRank(times.ms, 95),
                           times.ms.back(), 0, 0};
    const auto budget = budgetFor(times.kind);
    for (double ms : times.ms) {
      const auto standing = judge(budget, ms);
      row.overShould += standing == Standing::OverShould;
      row.overShall += standing == Standing::OverShall;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::size_t countWarnings(const std::vector<CaseResult>& cases) {
  std::size_t n = 0;
  for (const auto& c : cases)
    for (const auto& check : c.checks) n += check.warning;
  return n;
}

}  // namespace gpc::latency
