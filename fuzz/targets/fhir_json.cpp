// A provider's JSON body: parsed, converted to FHIR XML and back. Conversion must cope with any
// JSON value (wrong types, unknown elements, odd nesting) without throwing.
#include <nlohmann/json.hpp>

#include "fuzz/targets/fuzz_input.h"
#include "runner/fhir/json_depth.h"
#include "runner/fhir/validator.h"
#include "runner/fhir/xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto registry = gpc::fhir::ProfileRegistry::loadDefault();
  nlohmann::json json;
  try {  // as the harness reads provider bodies: nesting past the ceiling is refused, not walked
    json = gpc::fhir::parseJsonWithinDepth(gpc::fuzz::asText(data, size));
  } catch (const std::exception&) {
    return 0;
  }
  const std::string xml = gpc::fhir::toXml(json, *registry);
  std::vector<gpc::fhir::Issue> issues;
  gpc::fhir::parseXml(xml, *registry, &issues);
  return 0;
}
