// A provider's XML body: parsed into FHIR JSON (with issues), and what parsed is written back
// as XML and read again. Never throws, whatever the bytes.
#include "fuzz/targets/fuzz_input.h"
#include "runner/fhir/validator.h"
#include "runner/fhir/xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto registry = gpc::fhir::ProfileRegistry::loadDefault();
  std::vector<gpc::fhir::Issue> issues;
  const auto json = gpc::fhir::parseXml(gpc::fuzz::asText(data, size), *registry, &issues);
  if (json.is_null()) return 0;
  gpc::fhir::parseXml(gpc::fhir::toXml(json, *registry), *registry, &issues);
  return 0;
}
