#include "reporters/text_safety.h"

#include <cstdint>

#include "runner/fhir/html_escape.h"
#include "runner/fhir/utf8.h"

namespace gpc::reporters {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

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
    const std::size_t len = fhir::utf8SequenceLength(text, i, &cp);
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

bool isValidUtf8(std::string_view text) { return fhir::isValidUtf8(text); }

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
