#pragma once
// Turns raw definitions into the compiled registry: element trees, resolved content references,
// slice discriminator values and expanded value sets.

#include <memory>
#include <vector>

#include "runner/fhir/model.h"

namespace gpc::fhir {

// Builds the element tree of one profile (its nodes point into profile->raw).
void buildTree(CompiledProfile& profile);

// Adds the profiles, value sets and code systems to the registry, then links everything that
// refers across definitions. Later profiles with the same URL replace earlier ones unless only the
// earlier has a snapshot.
void compileInto(ProfileRegistry& registry, std::vector<RawProfile> profiles,
                 std::vector<RawValueSet> valueSets, std::vector<RawCodeSystem> codeSystems);

}  // namespace gpc::fhir
