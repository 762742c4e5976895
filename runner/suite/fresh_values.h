#pragma once
// The suite's "generated" section (docs/suite-format.md "Values the provider must not hold"):
// which generated-value kinds must be unused at the provider, and how to ask it. The loader
// parses the probes; this attaches them to each case that uses a value of that kind.

#include <map>
#include <string>
#include <vector>

#include "runner/suite/case.h"

namespace gpc {

// A kind's probe as the suite declared it, before it is tied to one variable of a case.
struct FreshProbe {
  Step probe;
  nlohmann::json heldWhen;
};

// The {generated.*} names the case's steps and variables use, each once, in first-use order.
std::vector<std::string> generatedNamesUsed(const Case& c);

// One FreshValue per generated name the case uses whose kind has a probe.
void attachFreshValues(Case& c, const std::map<std::string, FreshProbe>& probesByKind);

}  // namespace gpc
