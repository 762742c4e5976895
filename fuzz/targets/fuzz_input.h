#pragma once
// What every fuzz target shares: the libFuzzer entry point's signature and the input as text.
// The same entry point is linked into a libFuzzer binary (clang, GPC_FUZZ=ON) and into a
// replay binary (any compiler) that feeds it the seed corpus and the crash regressions.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace gpc::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits an input at its first NUL byte into two parts (e.g. an expression and the resource
// it is evaluated on); without a NUL the second part is empty.
inline std::pair<std::string_view, std::string_view> splitAtNul(std::string_view input) {
  const auto nul = input.find('\0');
  if (nul == std::string_view::npos) return {input, {}};
  return {input.substr(0, nul), input.substr(nul + 1)};
}

}  // namespace gpc::fuzz
