#pragma once
// A target file's endpoint groups held against the ones the suites know (endpointGroups() of
// the interactions table), so the target loader needs no list of its own and a capability
// added to suites/interactions.json needs no edit here.

#include <string>
#include <vector>

#include "runner/target/target.h"

namespace gpc {

// Throws LoadError naming the target file and the place (`/endpoints/structure`,
// `/jwt/aud/structure`) of the first group not in `groups`, with a "did you mean" hint.
void checkEndpointGroups(const Target& target, const std::vector<std::string>& groups);

}  // namespace gpc
