// FHIRPath from suites and from profiles' invariants: input is "expression NUL resource-json"
// (no NUL: a fixed Patient). Parsing fails only with ParseError, evaluation only with EvalError.
#include <nlohmann/json.hpp>

#include "fuzz/targets/fuzz_input.h"
#include "runner/fhir/json_depth.h"
#include "runner/fhir/fhirpath/fhirpath.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nlohmann::json patient = nlohmann::json::parse(R"({"resourceType":"Patient","id":"2",
    "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9690937286"}],
    "name":[{"use":"official","family":"Dix","given":["Julie","Ann"]}],"birthDate":"1970-01-02",
    "active":true,"multipleBirthInteger":2,"_birthDate":{"extension":[{"url":"x","valueDecimal":1.5}]}})");
  const auto [expression, resourceText] = gpc::fuzz::splitAtNul(gpc::fuzz::asText(data, size));
  nlohmann::json resource = patient;
  if (!resourceText.empty()) {
    // As the harness reads provider bodies: nesting past the ceiling is refused, not walked.
    try {
      resource = gpc::fhir::parseJsonWithinDepth(resourceText);
    } catch (const std::exception&) {
      return 0;
    }
  }
  gpc::fhirpath::Expression compiled;
  try {
    compiled = gpc::fhirpath::parse(expression);
  } catch (const gpc::fhirpath::ParseError&) {
    return 0;
  }
  try {
    gpc::fhirpath::evaluate(compiled, resource, {{"nhs", "9690937286"}});
  } catch (const gpc::fhirpath::EvalError&) {
  }
  return 0;
}
