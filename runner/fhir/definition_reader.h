#pragma once
// Reads StructureDefinitions (STU3 and DSTU2 shapes), ValueSets and CodeSystems from FHIR JSON
// (or tolerant JSON converted from XML) into the raw model.

#include <string>

#include <nlohmann/json.hpp>

#include "runner/fhir/model.h"

namespace gpc::fhir {

RawProfile readStructureDefinition(const nlohmann::json& sd, const std::string& source);
RawValueSet readValueSet(const nlohmann::json& vs, const std::string& source);
RawCodeSystem readCodeSystem(const nlohmann::json& cs, const std::string& source);

}  // namespace gpc::fhir
