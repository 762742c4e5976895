#include "runner/load/load_result.h"

#include <cmath>

#include <fmt/format.h>

namespace gpc::load {
namespace {

// Round for JSON: the figures are read by people and plotted, not re-computed.
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

std::string percentileName(double q) { return q >= 100 ? "max" : fmt::format("p{}", q); }

}  // namespace

double tps(const LoadResult& r) {
  return r.durationSeconds > 0 ? static_cast<double>(r.requests) / r.durationSeconds : 0;
}

double errorRate(const LoadResult& r) {
  return r.requests ? static_cast<double>(r.requestsFailed) / static_cast<double>(r.requests) : 0;
}

LoadVerdict judge(const LoadResult& r) {
  LoadVerdict v;
  for (const auto& [name, i] : r.interactions) {
    if (i.answered.count() == 0) continue;
    const latency::Budget budget = latency::budgetFor(i.kind);
    const double at = i.answered.percentileMs(r.percentile);
    const std::string where = fmt::format("{} ({}): {} {:.1f} ms", name, latency::toString(i.kind), percentileName(r.percentile), at);
    if (latency::judge(budget, at) == latency::Standing::OverShall)
      v.broken.push_back(fmt::format("{} is over the SHALL limit of {:.0f} ms", where, budget.shallMs));
    else if (latency::judge(budget, at) == latency::Standing::OverShould)
      v.warnings.push_back(fmt::format("{} is over the SHOULD limit of {:.0f} ms", where, budget.shouldMs));
  }
  if (r.requests == 0) v.broken.push_back("no request was answered: nothing was measured");
  if (errorRate(r) > r.errorBudget)
    v.broken.push_back(fmt::format("{} of {} requests failed ({:.3f}%), over the error budget of {:.3f}%", r.requestsFailed,
                                   r.requests, errorRate(r) * 100, r.errorBudget * 100));
  if (r.dropped)
    v.warnings.push_back(fmt::format("{} iterations due were not started: already at --max-in-flight (the rate asked for "
                                     "was not sustained)",
                                     r.dropped));
  if (!r.stopped.empty()) v.warnings.push_back(r.stopped + ": the figures cover the part that ran");
  v.passed = v.broken.empty();
  return v;
}

nlohmann::json toJson(const LoadResult& r, const LoadVerdict& verdict) {
  using nlohmann::json;
  json mix = json::array();
  for (const auto& m : r.mix)
    mix.push_back({{"case", m.caseId}, {"title", m.title}, {"weight", m.weight}, {"patients", m.patients},
                   {"iterations", m.iterations}, {"failed", m.failed}});
  json interactions = json::array();
  for (const auto& [name, i] : r.interactions) {
    const latency::Budget budget = latency::budgetFor(i.kind);
    const LatencyHistogram& h = i.answered;
    json histogram = json::array();
    for (const auto& [upper, count] : h.buckets()) histogram.push_back({round3(upper), count});
    const double at = h.percentileMs(r.percentile);
    interactions.push_back({
        {"interaction", name},
        {"kind", latency::toString(i.kind)},
        {"shall_ms", budget.shallMs},
        {"should_ms", budget.shouldMs},
        {"requests", i.requests},
        {"answered", h.count()},
        {"failed", i.failed},
        {"no_answer", i.noAnswer},
        {"tps", round3(r.durationSeconds > 0 ? static_cast<double>(i.requests) / r.durationSeconds : 0)},
        {"min_ms", round3(h.minMs())},
        {"mean_ms", round3(h.meanMs())},
        {"p50_ms", round3(h.percentileMs(50))},
        {"p90_ms", round3(h.percentileMs(90))},
        {"p99_ms", round3(h.percentileMs(99))},
        {"p99_9_ms", round3(h.percentileMs(99.9))},
        {"max_ms", round3(h.maxMs())},
        {"over_should", h.countAbove(budget.shouldMs)},
        {"over_shall", h.countAbove(budget.shallMs)},
        {"judged_ms", round3(at)},
        {"standing", h.count() == 0 ? "no answers"
                     : latency::judge(budget, at) == latency::Standing::OverShall  ? "over SHALL"
                     : latency::judge(budget, at) == latency::Standing::OverShould ? "over SHOULD"
                                                                                   : "within"},
        {"histogram", histogram},
    });
  }
  json timeline = json::array();
  for (const auto& p : r.timeline)
    timeline.push_back({{"t", round3(p.t)}, {"requests", p.requests}, {"failed", p.failed}, {"p50_ms", round3(p.p50Ms)},
                        {"p99_ms", round3(p.p99Ms)}, {"max_ms", round3(p.maxMs)}, {"in_flight", p.inFlight},
                        {"target_rate", round3(p.targetRate)}});
  json failures = json::array();
  for (const auto& f : r.failures)
    failures.push_back({{"reason", f.reason}, {"count", f.count}, {"case", f.caseId}, {"example", f.example}});
  return {
      {"schema", "gpc-assure-load"},
      {"schema_version", "1.0"},
      {"tool_version", r.toolVersion},
      {"profile", {{"file", r.profileFile}, {"name", r.profileName}, {"mix", mix}}},
      {"target", {{"name", r.targetName}, {"endpoints", r.endpoints}}},
      {"shape", {{"model", r.openModel ? "open" : "closed"}, {"description", r.shape}, {"planned_seconds", r.plannedSeconds}}},
      {"seed", r.seed},
      {"started_at", r.startedAt},
      {"finished_at", r.finishedAt},
      {"duration_seconds", round3(r.durationSeconds)},
      {"stopped", r.stopped},
      {"budgets", {{"error_rate", r.errorBudget}, {"percentile", r.percentile}, {"validate_every", r.validateEvery}}},
      {"totals",
       {{"iterations", r.iterations},
        {"iterations_failed", r.iterationsFailed},
        {"dropped_iterations", r.dropped},
        {"requests", r.requests},
        {"requests_failed", r.requestsFailed},
        {"error_rate", errorRate(r)},
        {"tps", round3(tps(r))},
        {"validated_iterations", r.validated}}},
      {"harness",
       {{"cpu_seconds", round3(r.harnessCpuSeconds)},
        {"cpu_ms_per_request", round3(r.requests ? r.harnessCpuSeconds * 1000.0 / static_cast<double>(r.requests) : 0)},
        {"peak_rss_mb", round3(r.peakRssMb)}}},
      {"interactions", interactions},
      {"timeline", timeline},
      {"failures", failures},
      {"verdict", {{"passed", verdict.passed}, {"broken", verdict.broken}, {"warnings", verdict.warnings}}},
  };
}

}  // namespace gpc::load
