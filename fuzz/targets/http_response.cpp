// The response collector sees header lines and body chunks exactly as a provider sent them:
// input is split at CRLFs into header lines up to the first empty one; the rest is the body,
// fed in 7-byte chunks against a 64-byte cap.
#include "fuzz/targets/fuzz_input.h"
#include "runner/http/response_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = gpc::fuzz::asText(data, size);
  gpc::http::ResponseCollector collector(64);
  for (;;) {
    const auto end = input.find("\r\n");
    const std::string_view line = input.substr(0, end == std::string_view::npos ? input.size() : end + 2);
    collector.headerLine(line);
    input.remove_prefix(line.size());
    if (line == "\r\n" || end == std::string_view::npos) break;
  }
  while (!input.empty()) {
    const std::string_view chunk = input.substr(0, 7);
    input.remove_prefix(chunk.size());
    if (!collector.bodyChunk(chunk)) break;
  }
  if (collector.body().size() > 64) __builtin_trap();  // the cap is the whole point
  gpc::http::headerValue(collector.headers(), "Content-Type");
  gpc::http::hasHeader(collector.headers(), "content-encoding");
  return 0;
}
