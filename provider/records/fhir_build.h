#pragma once
// Small builders for the FHIR elements every record resource repeats, so each area builder
// only states what is particular to its resource.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gpc::provider::records::fhir {

inline constexpr std::string_view kSnomed = "http://snomed.info/sct";
inline constexpr std::string_view kStu3Profiles = "https://fhir.nhs.uk/STU3/StructureDefinition/";

// meta with the profile canonical (name below kStu3Profiles) and, for read-style resources, a
// versionId; bundle entries of the structured record must not carry versionId.
nlohmann::json meta(std::string_view profileName);
nlohmann::json coding(std::string_view system, std::string_view code, std::string_view display);
// A [code, display] pair from the fixtures as a SNOMED CodeableConcept.
nlohmann::json snomedConcept(const nlohmann::json& pair);
nlohmann::json reference(std::string_view type, std::string_view id);
// The business identifier of a record item: a stable UUID derived from its fixture id.
nlohmann::json businessIdentifier(std::string_view fixtureId);
std::string stableUuid(std::string_view seed);
// A FHIR dateTime in UTC from a fixture date ("2019-03-07" -> "2019-03-07T00:00:00+00:00");
// partial dates are kept as they are (FHIR allows them).
std::string dateTime(std::string_view fixtureDate);

}  // namespace gpc::provider::records::fhir
