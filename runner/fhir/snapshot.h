#pragma once
// Snapshot generation for StructureDefinitions that ship only a differential: the base
// definition's snapshot (itself generated first when it lacks one) with the differential applied
// per the FHIR rules, so such profiles are judged by their full rules.

#include <functional>
#include <string_view>

#include "runner/fhir/model.h"

namespace gpc::fhir {

// Finds a definition by canonical URL; what it returns must have a snapshot (null when unknown).
using SnapshotSource = std::function<const RawProfile*(std::string_view url)>;

// Replaces `profile.elements` (its differential, hasSnapshot false) with the snapshot and sets
// hasSnapshot. How the differential applies:
// - elements are matched by id (path with ":slice" steps; a path and sliceName when the id is
//   absent or does not agree with the path); complex types the base does not unroll are unrolled
//   from their type definition (or the element's one type profile) where the differential
//   reaches into them; `valueQuantity` steps name the Quantity variant of `value[x]`;
// - a new slice starts as a copy of its sliced element (with that element's children), min 0
//   unless the differential says more;
// - cardinality narrows (min the larger, max the smaller), types/fixed/pattern/binding/slicing/
//   contentReference replace when stated, constraint keys are appended; constraints of the base
//   and of unrolled types join the profile's own;
// - a slice of a choice element ("Observation.value[x]" sliced as "value[x]:valueQuantity") gets a
//   `type` discriminator on the choice when the base has no slicing there; when the path itself
//   is renamed ("Extension.valueCodeableConcept", Forge), the element is the choice restricted to
//   that type, not a slice.
// Throws std::runtime_error naming the profile's source file and the element when the base is
// unknown or a differential element names no element of the base.
void generateSnapshot(RawProfile& profile, const SnapshotSource& source);

}  // namespace gpc::fhir
