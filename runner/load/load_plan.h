#pragma once
// A load profile made runnable: each mix entry's case found among the suites' cases, checked to
// be runnable at the target, and bound to the patients the entry names.

#include <vector>

#include "runner/load/load_engine.h"
#include "runner/load/load_profile.h"
#include "runner/suite/case.h"
#include "runner/target/target.h"

namespace gpc::load {

// Throws LoadError naming the profile entry: a case id no suite has (with a "did you mean"), a
// case the target cannot run (skipped, or data it lacks), a patient the target does not define,
// or patients given for a case that uses more than one.
std::vector<PlannedEntry> planMix(const LoadProfile& profile, const std::vector<Case>& cases, const Target& target);

}  // namespace gpc::load
