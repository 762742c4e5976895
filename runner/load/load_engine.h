#pragma once
// The load run itself: starts iterations (one run of a mix entry's case) at the shape's rate or
// concurrency on one thread, keeps their requests in flight on a MultiDriver, judges every
// response with the case's own expectations (runner/exec/case_run.h) and measures each
// interaction's response times.

#include <cstdint>
#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "runner/checks/fhir_services.h"
#include "runner/http/transport.h"
#include "runner/load/load_result.h"
#include "runner/load/load_shape.h"
#include "runner/schedule/stop_control.h"
#include "runner/suite/case.h"
#include "runner/target/target.h"

namespace gpc::load {

struct PlannedEntry {
  std::string caseId, title;
  double weight = 1;
  Case validated;    // as the suite states it
  Case unvalidated;  // its `validate` expectations taken out (--validate-every)
  // The run's target once per patient the entry is bound to in turn (just the target when the
  // profile names no patients).
  std::vector<Target> targets;
  std::vector<std::string> patients;
};

struct LoadPlan {
  std::vector<PlannedEntry> mix;
  LoadShape shape;
  int validateEvery = 10;        // 1 in N iterations profile-validated; 0: none
  std::size_t maxInFlight = 512;  // open model: iterations in flight at most
  double errorBudget = 0;
  double percentile = 100;
  std::uint64_t seed = 0;

  // Connections the driver may open at once: one per iteration in flight (each has at most one
  // request out). Open model: --max-in-flight, capped at 64, a sane pool for one client process.
  std::size_t connectionLimit() const {
    return shape.open() ? std::min<std::size_t>(maxInFlight, 64) : static_cast<std::size_t>(shape.concurrency);
  }
};

struct LoadProgress {
  double elapsed = 0, planned = 0;
  std::uint64_t requests = 0, failed = 0;
  std::size_t inFlight = 0;
  double lastSecondTps = 0, lastSecondP99Ms = 0;
};

struct LoadEnvironment {
  const FhirServices& fhir;
  std::filesystem::path fixturesRoot;
  Transport& probes;               // blocking sends of fresh-value probes (registrations)
  TransportOptions transport;      // the driver's connection and TLS settings
  schedule::StopControl* stop = nullptr;
  std::function<void(const LoadProgress&)> progress;  // once a second; may be empty
};

LoadResult runLoad(const LoadPlan& plan, const LoadEnvironment& environment);

}  // namespace gpc::load
