// Target files come from whoever assures a provider: any text loads or fails with a LoadError.
#include "fuzz/targets/fuzz_input.h"
#include "runner/core/load_error.h"
#include "runner/target/target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    gpc::parseTarget(std::string(gpc::fuzz::asText(data, size)), "fuzz-target.json", "/nonexistent-fuzz-dir");
  } catch (const gpc::LoadError&) {
  }
  return 0;
}
