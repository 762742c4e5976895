#include "runner/load/load_engine.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <list>
#include <memory>
#include <random>

#include "runner/exec/case_run.h"
#include "runner/latency/run_latency.h"
#include "runner/load/multi_driver.h"
#include "runner/schedule/scheduler.h"

namespace gpc::load {
namespace {

using Steady = std::chrono::steady_clock;

// Distinct failure reasons kept; beyond, failures are counted under one line (reasons that
// carry a unique value each, such as a trace id, must not grow memory over a soak).
constexpr std::size_t kMaxFailureReasons = 200;
constexpr std::size_t kExampleBodyChars = 600;

double threadCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

std::string briefExchange(const Exchange& e) {
  std::string out = e.request.method + " " + e.request.url + "\n";
  if (e.response.status != 0) out += "HTTP " + std::to_string(e.response.status) + "\n";
  if (!e.response.transportError.empty()) out += "transport: " + e.response.transportError + "\n";
  out += e.response.body.substr(0, kExampleBodyChars);
  if (e.response.body.size() > kExampleBodyChars) out += "...";
  return out;
}

struct Iteration {
  Iteration(ExecContext c, const Case& k, std::size_t e) : ctx(std::move(c)), run(k, ctx), entry(e) {}
  ExecContext ctx;  // before `run`, which keeps a reference to it
  CaseRun run;
  std::size_t entry;
};

class LoadLoop {
 public:
  LoadLoop(const LoadPlan& plan, const LoadEnvironment& env)
      : plan_(plan), env_(env), driver_(env.transport, [stop = env.stop] { return stop && stop->aborting(); }, plan.connectionLimit()),
        random_(plan.seed) {
    std::vector<double> weights;
    for (const auto& e : plan.mix) weights.push_back(e.weight);
    pick_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    patientTurn_.assign(plan.mix.size(), 0);
    for (const auto& e : plan.mix) {
      MixSummary m;
      m.caseId = e.caseId;
      m.title = e.title;
      m.weight = e.weight;
      m.patients = e.patients;
      result_.mix.push_back(m);
    }
  }

  LoadResult run() {
    const double cpuBefore = threadCpuSeconds();
    result_.startedAt = schedule::utcTimestampNow();
    result_.openModel = plan_.shape.open();
    result_.shape = plan_.shape.describe();
    result_.plannedSeconds = plan_.shape.durationSeconds;
    result_.validateEvery = plan_.validateEvery;
    result_.errorBudget = plan_.errorBudget;
    result_.percentile = plan_.percentile;
    result_.seed = plan_.seed;
    start_ = Steady::now();
    loop();
    result_.durationSeconds = elapsed();
    flushSecond(result_.durationSeconds);
    result_.finishedAt = schedule::utcTimestampNow();
    result_.harnessCpuSeconds = threadCpuSeconds() - cpuBefore;
    result_.peakRssMb = peakRssMb();
    std::vector<FailureGroup> failures;
    for (auto& [reason, group] : failures_) failures.push_back(std::move(group));
    std::stable_sort(failures.begin(), failures.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    result_.failures = std::move(failures);
    return std::move(result_);
  }

 private:
  double elapsed() const { return std::chrono::duration<double>(Steady::now() - start_).count(); }

  void loop() {
    const double planned = plan_.shape.durationSeconds;
    std::uint64_t started = 0;
    double nextSecond = 1;
    bool stopping = false;
    for (;;) {
      const double t = elapsed();
      while (t >= nextSecond) {
        flushSecond(nextSecond);
        nextSecond += 1;
      }
      if (!stopping && env_.stop && env_.stop->requested()) {
        stopping = true;
        const int signal = env_.stop->signal();
        result_.stopped = signal == 2 ? "interrupted by SIGINT" : signal == 15 ? "interrupted by SIGTERM" : env_.stop->reason();
      }
      const bool arrivals = !stopping && t < planned;
      if (arrivals) {
        if (plan_.shape.open()) {
          const auto due = static_cast<std::uint64_t>(std::floor(plan_.shape.arrivalsBy(t)));
          for (; started < due; ++started) {
            if (inFlight_.size() < plan_.maxInFlight) startIteration();
            else ++result_.dropped;
          }
        } else {
          while (inFlight_.size() < static_cast<std::size_t>(plan_.shape.concurrency)) startIteration();
        }
      }
      if (!arrivals && inFlight_.empty()) return;
      int waitMs = 50;
      if (arrivals && plan_.shape.open()) {
        const double rate = plan_.shape.rateAt(t);
        waitMs = rate > 0 ? static_cast<int>(std::clamp(1000.0 / rate, 0.0, 50.0)) : 50;
      }
      driver_.poll(waitMs);
    }
  }

  void startIteration() {
    const std::size_t e = pick_(random_);
    const PlannedEntry& entry = plan_.mix[e];
    const Target& target = entry.targets[patientTurn_[e]++ % entry.targets.size()];
    const std::uint64_t n = result_.iterations++;
    const bool validate = plan_.validateEvery > 0 && n % static_cast<std::uint64_t>(plan_.validateEvery) == 0;
    if (validate) ++result_.validated;
    ++result_.mix[e].iterations;
    ExecContext ctx{target, env_.probes, env_.fhir, env_.fixturesRoot};
    ctx.seed = plan_.seed + n;  // every iteration its own generated values (a registration each)
    ctx.claimed = claimed_;
    ctx.judgeLatency = false;
    auto it = inFlight_.insert(inFlight_.end(),
                               std::make_unique<Iteration>(std::move(ctx), validate ? entry.validated : entry.unvalidated, e));
    advance(it);
  }

  using Slot = std::list<std::unique_ptr<Iteration>>::iterator;

  // Sends the iteration's next request, or settles it when it has finished.
  void advance(Slot it) {
    Iteration& iteration = **it;
    if (iteration.run.finished()) return settle(it, iteration.run.take());
    driver_.submit(iteration.run.request(), [this, it](HttpResponse response) { answered(it, std::move(response)); });
  }

  void answered(Slot it, HttpResponse response) {
    Iteration& iteration = **it;
    // Abandoned by an interrupt: neither an answer nor the provider's failure.
    if (env_.stop && env_.stop->aborting() && response.status == 0) {
      inFlight_.erase(it);
      return;
    }
    const Step& step = iteration.run.step();
    InteractionLoad& stats = interaction(step);
    ++stats.requests;
    ++result_.requests;
    ++window_.requests;
    if (response.status != 0) {
      stats.answered.record(response.providerMs);
      window_.latencies.push_back(response.providerMs);
    } else {
      ++stats.noAnswer;
    }
    iteration.run.answer(std::move(response));
    if (!iteration.run.finished()) return advance(it);
    CaseResult done = iteration.run.take();
    // A case stops at its first failing step: this request is the one that failed.
    if (done.verdict != Verdict::Passed) {
      ++stats.failed;
      ++result_.requestsFailed;
      ++window_.failed;
    }
    settle(it, std::move(done));
  }

  void settle(Slot it, CaseResult result) {
    if (result.verdict != Verdict::Passed) {
      ++result_.iterationsFailed;
      ++result_.mix[(*it)->entry].failed;
      recordFailure(result);
      // Failed before any request (a probe that could not be made): a failed request of none.
      if (result.exchanges.empty()) ++result_.requestsFailed;
    }
    inFlight_.erase(it);
  }

  void recordFailure(const CaseResult& result) {
    std::string reason = result.reason.empty() ? std::string(toString(result.verdict)) : result.reason;
    if (failures_.size() >= kMaxFailureReasons && !failures_.count(reason)) reason = "(further reasons, not kept separately)";
    FailureGroup& group = failures_[reason];
    if (group.count++ == 0) {
      group.reason = reason;
      group.caseId = result.info.id;
      if (!result.exchanges.empty()) group.example = briefExchange(result.exchanges.back());
    }
  }

  InteractionLoad& interaction(const Step& step) {
    auto [it, inserted] = result_.interactions.try_emplace(step.interaction.name);
    if (inserted) {
      it->second.interaction = step.interaction.name;
      it->second.kind = step.interaction.kind;
    }
    return it->second;
  }

  void flushSecond(double t) {
    TimelinePoint p;
    p.t = t;
    p.requests = window_.requests;
    p.failed = window_.failed;
    std::sort(window_.latencies.begin(), window_.latencies.end());
    p.p50Ms = latency::nearestRank(window_.latencies, 50);
    p.p99Ms = latency::nearestRank(window_.latencies, 99);
    p.maxMs = window_.latencies.empty() ? 0 : window_.latencies.back();
    p.inFlight = inFlight_.size();
    p.targetRate = plan_.shape.open() ? plan_.shape.rateAt(std::max(0.0, t - 0.5)) : 0;
    if (p.requests || t - lastFlushed_ >= 0.5) result_.timeline.push_back(p);
    lastFlushed_ = t;
    window_ = {};
    if (env_.progress) {
      LoadProgress progress;
      progress.elapsed = t;
      progress.planned = plan_.shape.durationSeconds;
      progress.requests = result_.requests;
      progress.failed = result_.requestsFailed;
      progress.inFlight = inFlight_.size();
      progress.lastSecondTps = static_cast<double>(p.requests);
      progress.lastSecondP99Ms = p.p99Ms;
      env_.progress(progress);
    }
  }

  struct Window {
    std::uint64_t requests = 0, failed = 0;
    std::vector<double> latencies;
  };

  const LoadPlan& plan_;
  const LoadEnvironment& env_;
  MultiDriver driver_;
  std::mt19937_64 random_;
  std::discrete_distribution<std::size_t> pick_;
  std::vector<std::size_t> patientTurn_;
  std::shared_ptr<ClaimedValues> claimed_ = std::make_shared<ClaimedValues>();
  std::list<std::unique_ptr<Iteration>> inFlight_;
  std::map<std::string, FailureGroup> failures_;
  Window window_;
  double lastFlushed_ = 0;
  Steady::time_point start_;
  LoadResult result_;
};

}  // namespace

LoadResult runLoad(const LoadPlan& plan, const LoadEnvironment& environment) {
  LoadLoop loop(plan, environment);
  return loop.run();
}

}  // namespace gpc::load
