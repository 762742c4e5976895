#pragma once
// Runs one expanded case against a target: builds each step's request, sends it through the
// Transport, checks the response, captures values for later steps, and records evidence.
// Thread-safe: holds no state between calls; the scheduler calls it from N threads.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "runner/checks/fhir_services.h"
#include "runner/core/model.h"
#include "runner/exec/claimed_values.h"
#include "runner/http/transport.h"
#include "runner/suite/case.h"
#include "runner/target/target.h"

namespace gpc {

using Clock = std::function<std::chrono::system_clock::time_point()>;

struct ExecContext {
  const Target& target;
  Transport& transport;
  const FhirServices& fhir;
  std::filesystem::path fixturesRoot;  // `body.fixture` paths are relative to it
  Clock clock = [] { return std::chrono::system_clock::now(); };
  // Seed of generated values ({generated.nhs_number}): equal seeds give equal values per case.
  std::uint64_t seed = 0;
  // The generated values this run's cases have taken (runner/exec/fresh_values.h); one per
  // context, which is one per run. Null: no such bookkeeping (each case on its own).
  std::shared_ptr<ClaimedValues> claimed = std::make_shared<ClaimedValues>();
  // Each answer gets a latency check against its interaction's limits. A load run turns it off:
  // there the limits are judged over the run's percentiles, and one slow answer is a figure,
  // not a failed request.
  bool judgeLatency = true;
};

// Never throws for anything a suite, target or provider does: those become Failed/Errored
// results with the reason.
CaseResult executeCase(const Case& c, const ExecContext& context);

}  // namespace gpc
