#pragma once
// Collects a response's header block and body as libcurl delivers them, keeping headers in
// order with duplicates and capping the body.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runner/core/model.h"

namespace gpc::http {

class ResponseCollector {
 public:
  explicit ResponseCollector(std::uint64_t maxBodyBytes) : maxBodyBytes_(maxBodyBytes) {}

  // One raw header line including its CRLF. A status line starts a new header block, so only
  // the final response's headers are kept (after a 100 Continue or a proxy's CONNECT reply).
  void headerLine(std::string_view line);
  // Returns false once the cap is reached: the caller then aborts the transfer.
  bool bodyChunk(std::string_view chunk);

  Headers& headers() { return headers_; }
  std::string& body() { return body_; }
  bool truncated() const { return truncated_; }

 private:
  void reserveFor(std::string_view contentLength);
  std::uint64_t maxBodyBytes_;
  Headers headers_;
  std::string body_;
  bool truncated_ = false;
};

// The first value of a header, case-insensitive name; empty when absent.
std::string headerValue(const Headers& headers, std::string_view name);
bool hasHeader(const Headers& headers, std::string_view name);

}  // namespace gpc::http
