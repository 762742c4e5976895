#pragma once
// The hand-written source form of a FHIR core (profiles/src/hl7-dstu2-core.txt; syntax in that
// file's header): base types and resources as indented element tables. Reading it yields full
// snapshots — inherited elements (Element, Resource, DomainResource) and the id/extension/
// modifierExtension of every backbone element are filled in — so the result compiles exactly like
// an official StructureDefinition snapshot.

#include <string>
#include <string_view>

#include "runner/fhir/compact.h"

namespace gpc::fhir {

// Throws std::runtime_error naming `source` and the line on malformed input (unknown constraint
// key, unknown base, bad cardinality, bad indentation).
RawDefinitions readCoreSource(std::string_view text, const std::string& source, const std::string& fhirVersion);

}  // namespace gpc::fhir
