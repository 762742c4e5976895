// Profile validation of whatever JSON a provider sends: issues, never an exception or a crash.
#include <nlohmann/json.hpp>

#include "fuzz/targets/fuzz_input.h"
#include "runner/fhir/validator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gpc::fhir::Validator validator(gpc::fhir::ProfileRegistry::loadDefault());
  const auto json = nlohmann::json::parse(gpc::fuzz::asText(data, size), nullptr, false);
  if (json.is_discarded()) return 0;
  validator.validate(json);
  return 0;
}
