#include "runner/http/response_parser.h"

#include <algorithm>
#include <cctype>

namespace gpc::http {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

void ResponseCollector::headerLine(std::string_view line) {
  if (line.rfind("HTTP/", 0) == 0) {
    headers_.clear();
    return;
  }
  if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    // obs-fold continuation (RFC 7230 3.2.4): part of the previous header's value.
    if (!headers_.empty()) {
      std::string_view more = trim(line);
      if (!more.empty()) headers_.back().value += " " + std::string(more);
    }
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return;  // the blank line ending the block
  headers_.push_back({std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1)))});
  if (equalsIgnoreCase(headers_.back().name, "Content-Length")) reserveFor(headers_.back().value);
}

// The body arrives in chunks of a few KB; sized once from Content-Length it is not copied
// as it grows. A provider's number is believed only up to the body limit and kReserveCap.
void ResponseCollector::reserveFor(std::string_view contentLength) {
  constexpr std::uint64_t kReserveCap = 8u << 20;
  std::uint64_t n = 0;
  for (const char c : contentLength) {
    if (c < '0' || c > '9') return;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
    if (n > kReserveCap) return;
  }
  if (n > 0 && n <= maxBodyBytes_) body_.reserve(static_cast<std::size_t>(n));
}

bool ResponseCollector::bodyChunk(std::string_view chunk) {
  const std::uint64_t room = maxBodyBytes_ > body_.size() ? maxBodyBytes_ - body_.size() : 0;
  if (chunk.size() > room) {
    body_.append(chunk.substr(0, static_cast<std::size_t>(room)));
    truncated_ = true;
    return false;
  }
  body_.append(chunk);
  return true;
}

std::string headerValue(const Headers& headers, std::string_view name) {
  for (const auto& h : headers)
    if (equalsIgnoreCase(h.name, name)) return h.value;
  return {};
}

bool hasHeader(const Headers& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const Header& h) { return equalsIgnoreCase(h.name, name); });
}

}  // namespace gpc::http
