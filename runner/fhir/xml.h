#pragma once
// FHIR XML <-> FHIR JSON per the FHIR serialisation rules. Which elements repeat, and the type of
// each primitive, come from the definitions in the registry (STU3 and DSTU2 alike).

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/validator.h"

namespace gpc::fhir {

// Parses FHIR XML into FHIR JSON: arrays from max cardinality, primitives typed (boolean, integer,
// decimal as numbers), id/extension on primitives as "_name", the xhtml div as a string,
// contained resources unwrapped. Problems (bad XML, unknown elements, bad primitive values) are
// appended to `issues` when given; on bad XML the result is null.
nlohmann::json parseXml(std::string_view xml, const ProfileRegistry& registry,
                        std::vector<Issue>* issues);

// Serialises FHIR JSON as FHIR XML: elements in definition order, values in value attributes,
// the FHIR namespace (and the XHTML one on div).
std::string toXml(const nlohmann::json& resource, const ProfileRegistry& registry);

}  // namespace gpc::fhir
