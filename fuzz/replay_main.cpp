// The fuzz targets as ordinary tests (any compiler, no libFuzzer): feeds every file below the
// given paths to the entry point once. A crash, a sanitizer report or an escaping exception
// fails the test, so the seed corpus and every crash regression stay fixed. Missing paths are
// an error: a test that silently replays nothing could never fail.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include "fuzz/targets/fuzz_input.h"

namespace {

namespace fs = std::filesystem;

int replay(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  try {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  } catch (const std::exception& e) {
    std::cerr << file.string() << ": uncaught exception: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int files = 0, failures = 0;
  for (int i = 1; i < argc; ++i) {
    const fs::path root = argv[i];
    if (!fs::exists(root)) {
      std::cerr << root.string() << ": no such corpus path\n";
      return 2;
    }
    std::vector<fs::path> inputs;
    if (fs::is_directory(root)) {
      for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file() && entry.path().filename() != ".gitkeep") inputs.push_back(entry.path());
    } else {
      inputs.push_back(root);
    }
    std::sort(inputs.begin(), inputs.end());
    for (const auto& input : inputs) {
      failures += replay(input);
      ++files;
    }
  }
  std::cout << files << " inputs replayed, " << failures << " failed\n";
  return failures == 0 && files > 0 ? 0 : 1;
}
