#pragma once
// The DSTU2 (0.7.x) shapes of the Foundations resources an Access Record HTML Bundle carries,
// converted from the data pack's STU3 resources: gpconnect-*-1 profiles, http://fhir.nhs.net
// identifier systems, HumanName.family as an array, Patient.careProvider.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gpc::provider::html {

inline constexpr std::string_view kDstu2Profiles = "http://fhir.nhs.net/StructureDefinition/";

nlohmann::json dstu2Patient(const nlohmann::json& stu3);
nlohmann::json dstu2Practitioner(const nlohmann::json& stu3);
nlohmann::json dstu2Organization(const nlohmann::json& stu3);
// The provider system itself: the Composition's author.
nlohmann::json referenceProviderDevice(const std::string& organizationId);

}  // namespace gpc::provider::html
