#pragma once
// Chooses the generated values a case must not find already held at the provider (an NHS number
// to register: a provider that remembers earlier runs rejects it with 409 DUPLICATE_REJECTED).
// For each such value, candidates from the run's seed are probed in turn (a Patient search by
// identifier, as the suite declares it) until the provider does not hold one and no other case of
// this run has taken it. The probes are evidence of the case like its own steps.

#include <map>
#include <optional>
#include <string>

#include "runner/core/model.h"
#include "runner/exec/case_executor.h"
#include "runner/suite/case.h"

namespace gpc {

// The first candidates come from the run's seed, so `--seed N` against a provider that holds
// none of them repeats the values. The rest are drawn from a random seed of this case's own:
// re-running one seed many times against one provider would otherwise need one probe more per
// run (the 50th run would probe 50 numbers per case). The chosen value is in the evidence.
inline constexpr unsigned kSeededCandidates = 4;
// How many candidates are tried before the case is errored: a provider holding 20 numbers drawn
// for one case is not running out of free numbers but answering the probe wrongly.
inline constexpr unsigned kMaxFreshCandidates = 20;

struct ChosenValues {
  std::map<std::string, std::string> values;  // "generated.nhs_number" -> the value to use
  // Set when the case cannot go on: the probe could not be sent or believed (errored), the
  // target lacks its endpoint (skipped), or every candidate was held (errored).
  std::optional<Verdict> stop;
  std::string reason;
};

// Appends each probe's exchange, its checks and one check per chosen value to `evidence`.
ChosenValues chooseFreshValues(const Case& c, const ExecContext& context, CaseResult& evidence);

}  // namespace gpc
