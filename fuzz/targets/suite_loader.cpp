// Suite files are written by people: any text must load or fail with a LoadError naming the
// place. Anything else escaping (a json type_error, an out_of_range) is a bug the fuzzer finds.
#include "fuzz/targets/fuzz_input.h"
#include "gpc/build_paths.h"
#include "runner/core/load_error.h"
#include "runner/suite/interactions.h"
#include "runner/suite/suite_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gpc::InteractionTable interactions =
      gpc::loadInteractions(std::filesystem::path(GPC_SOURCE_DIR) / "suites" / "interactions.json");
  try {
    gpc::parseSuite(std::string(gpc::fuzz::asText(data, size)), "fuzz.json", interactions);
  } catch (const gpc::LoadError&) {
  }
  return 0;
}
