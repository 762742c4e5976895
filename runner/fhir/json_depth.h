#pragma once
// A ceiling on how deeply JSON (and XML) from outside may nest. The parsers are iterative, but
// everything after them (validation, reference checks, FHIRPath, XML conversion) walks the
// tree recursively, so 100,000 nested arrays from a provider would overflow the stack of the
// thread judging it. FHIR resources nest a few dozen levels at most (a Bundle entry's
// contained resource's extension's CodeableConcept coding is about 15), so anything past
// kMaxJsonDepth is refused as a finding, never walked.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gpc::fhir {

inline constexpr std::size_t kMaxJsonDepth = 256;

class JsonTooDeep : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// nlohmann::json::parse that throws JsonTooDeep (naming the byte offset reached) as soon as
// the document nests deeper than kMaxJsonDepth, before building the rest; parse_error as usual.
nlohmann::json parseJsonWithinDepth(std::string_view text);

// Whether `value` nests deeper than `limit` levels of arrays and objects (iterative).
bool nestsDeeperThan(const nlohmann::json& value, std::size_t limit);

// The message both readers give: "nests deeper than 256 levels (...)".
std::string tooDeepMessage();

}  // namespace gpc::fhir
