#pragma once
// The two halves of XML reading: a type-free conversion of FHIR XML into "loose" FHIR JSON (every
// value a string, repeats as arrays only where they repeat), and the type-driven normalisation
// that gives loose JSON the exact FHIR JSON shape (arrays from definitions, typed primitives).
// Definitions themselves load through the first half alone, so XML definitions need no bootstrap.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "runner/fhir/validator.h"

namespace gpc::fhir {

// A FHIR resource element (<Patient xmlns="http://hl7.org/fhir">) as loose JSON.
nlohmann::json looseFromXml(const pugi::xml_node& resource);

// Gives `value` (loose or already FHIR JSON) of FHIR type `type` ("Patient", "CodeableConcept",
// "boolean") its FHIR JSON shape. Problems are appended to `issues` (when given) at `path`.
nlohmann::json normaliseLoose(const nlohmann::json& value, std::string_view type,
                              const ProfileRegistry& registry, std::vector<Issue>* issues,
                              const std::string& path);

}  // namespace gpc::fhir
