#pragma once
// The parts every STU3 CapabilityStatement of the provider shares (1.6.2: version, software,
// fhirVersion 3.0.1, formats), so each capability module only adds its profiles and rest.
// Faults honoured: capability-no-xml-format, capability-wrong-fhir-version.

#include <initializer_list>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace gpc::provider::server {

// The skeleton: resourceType, version 1.6.2, name, status, kind, software, fhirVersion, format.
nlohmann::json stu3CapabilityStatement(const std::string& name, const std::set<std::string>& faults);

// profile[] references; a bare name is under https://fhir.nhs.uk/STU3/StructureDefinition/.
nlohmann::json capabilityProfiles(std::initializer_list<std::string> names);

// rest.resource entry with its interaction codes and (optionally) search parameters.
nlohmann::json capabilityResource(const std::string& type, std::initializer_list<const char*> interactions,
                                  nlohmann::json searchParams = nullptr);

// searchParam[] with the one identifier token parameter, documented with its system.
nlohmann::json identifierSearchParam(const std::string& what, const std::string& system);

}  // namespace gpc::provider::server
