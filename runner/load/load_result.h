#pragma once
// What a load run measured (`gpc-assure load`), and its verdict against the GP Connect volume
// and performance limits and the run's error budget. The JSON and HTML outputs are made from
// this alone.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/latency/budget.h"
#include "runner/load/latency_histogram.h"

namespace gpc::load {

struct InteractionLoad {
  std::string interaction;
  latency::InteractionKind kind = latency::InteractionKind::Query;
  LatencyHistogram answered;      // the provider's time of every answer with an HTTP status
  std::uint64_t requests = 0;     // sent, answered or not
  std::uint64_t failed = 0;       // the step's expectations failed, or no HTTP answer
  std::uint64_t noAnswer = 0;     // of those: no HTTP answer (timeout, reset, refused)
};

// One second of the run (a timeline for the plots; a long soak is thinned when drawn).
struct TimelinePoint {
  double t = 0;                  // seconds from the start, end of the second
  std::uint64_t requests = 0;    // answers (and transport failures) in this second
  std::uint64_t failed = 0;
  double p50Ms = 0, p99Ms = 0, maxMs = 0;
  std::size_t inFlight = 0;      // iterations in flight at the end of the second
  double targetRate = 0;         // open model: iterations per second asked for
};

// Failed iterations with the same reason, one kept as an example.
struct FailureGroup {
  std::string reason;
  std::uint64_t count = 0;
  std::string caseId;
  std::string example;  // the failing exchange in brief: request line, status, body excerpt
};

struct MixSummary {
  std::string caseId;
  std::string title;
  double weight = 0;
  std::vector<std::string> patients;
  std::uint64_t iterations = 0, failed = 0;
};

struct LoadResult {
  std::string toolVersion;
  std::string profileFile, profileName;
  std::vector<MixSummary> mix;
  std::string targetName;
  std::map<std::string, std::string> endpoints;
  bool openModel = true;
  std::string shape;        // LoadShape::describe()
  double plannedSeconds = 0;
  std::uint64_t seed = 0;
  std::string startedAt, finishedAt;  // ISO 8601 UTC
  double durationSeconds = 0;
  std::string stopped;      // "interrupted by SIGINT"; empty: ran its course
  std::uint64_t iterations = 0, iterationsFailed = 0;
  std::uint64_t dropped = 0;  // open model: due iterations not started (already --max-in-flight)
  std::uint64_t requests = 0, requestsFailed = 0;
  std::uint64_t validated = 0;  // iterations whose responses were profile-validated
  int validateEvery = 0;
  double errorBudget = 0;   // largest failed share of requests allowed
  double percentile = 100;  // the SHALL/SHOULD limits are judged at this percentile
  double harnessCpuSeconds = 0;  // the load thread's own CPU (checks, curl), provider not included
  double peakRssMb = 0;
  std::map<std::string, InteractionLoad> interactions;
  std::vector<TimelinePoint> timeline;
  std::vector<FailureGroup> failures;  // most frequent first
};

struct LoadVerdict {
  bool passed = true;
  std::vector<std::string> broken;    // why it failed: a SHALL limit, the error budget
  std::vector<std::string> warnings;  // SHOULD limits, dropped iterations
};

LoadVerdict judge(const LoadResult& result);

double tps(const LoadResult& result);  // answered requests per second of the run
double errorRate(const LoadResult& result);

// The JSON result (docs/load.md): schema "gpc-assure-load" version 1.0.
nlohmann::json toJson(const LoadResult& result, const LoadVerdict& verdict);

}  // namespace gpc::load
