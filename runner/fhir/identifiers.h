#pragma once
// Check digits of national identifiers that appear in GP Connect payloads.

#include <optional>
#include <string>
#include <string_view>

namespace gpc::fhir {

inline constexpr std::string_view kNhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
inline constexpr std::string_view kSnomedSystem = "http://snomed.info/sct";

// NHS number: ten digits, modulus 11 check digit. Why it is invalid, or nullopt.
std::optional<std::string> nhsNumberProblem(std::string_view value);
// SNOMED CT identifier: 6-18 digits, no leading zero, Verhoeff check digit, and a partition
// identifier (the two digits before the check digit) naming a concept (00, 10), or for
// `description` ids a description (01, 11).
std::optional<std::string> snomedIdProblem(std::string_view value, bool description = false);

}  // namespace gpc::fhir
