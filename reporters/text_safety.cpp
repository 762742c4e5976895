#include "reporters/text_safety.h"

#include <cstdint>

#include "runner/fhir/html_escape.h"

namespace gpc::reporters {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629 table), or 0.
std::size_t sequenceLength(std::string_view text, std::size_t i, char32_t* codePoint) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    *codePoint = b0;
    return 1;
  }
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  char32_t cp = b0 & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
  *codePoint = cp;
  return len;
}

bool isXmlChar(char32_t cp) {
  if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  return cp != 0xFFFE && cp != 0xFFFF;
}

// Copies text, replacing each invalid byte, and each code point `keep` rejects, with U+FFFD.
template <typename Keep>
std::string sanitise(std::string_view text, Keep keep) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = sequenceLength(text, i, &cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (keep(cp)) {
      out.append(text.substr(i, len));
    } else {
      out += kReplacement;
    }
    i += len;
  }
  return out;
}

}  // namespace

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = sequenceLength(text, i, &cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string toValidUtf8(std::string_view text) {
  return sanitise(text, [](char32_t) { return true; });
}

std::string toXmlText(std::string_view text) { return sanitise(text, isXmlChar); }

std::string toTerminalText(std::string_view text) {
  std::string out = sanitise(text, [](char32_t cp) {
    return cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp < 0x7F) || cp >= 0xA0;
  });
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string htmlEscape(std::string_view text) { return fhir::escapeHtml(toXmlText(text)); }

std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  std::size_t end = maxBytes;
  // Step back over continuation bytes (at most 3: a sequence is at most 4 bytes long) so
  // the cut does not split a sequence; a run of stray continuation bytes is cut anywhere.
  for (int k = 0; k < 3 && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80; ++k) --end;
  return text.substr(0, end);
}

}  // namespace gpc::reporters
