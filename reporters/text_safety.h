#pragma once
// Everything a report shows may have come from the target (a misbehaving provider can send
// any bytes) or from suite files. These functions make such text safe for each output format
// without losing the fact that something odd was there: invalid bytes become U+FFFD.

#include <string>
#include <string_view>

namespace gpc::reporters {

bool isValidUtf8(std::string_view text);

// Valid UTF-8: each byte that does not start a well-formed sequence (overlong forms,
// surrogates and code points above U+10FFFF included) becomes U+FFFD.
std::string toValidUtf8(std::string_view text);

// Valid UTF-8 made only of XML 1.0 characters: C0 controls other than tab, LF and CR,
// and U+FFFE/U+FFFF, become U+FFFD. The result still needs markup escaping (pugixml does
// that for attributes and text).
std::string toXmlText(std::string_view text);

// For a terminal: valid UTF-8 in which no byte from the target can move the cursor or start
// an escape sequence. C0 and C1 controls and DEL become U+FFFD; tab, CR and LF become spaces.
std::string toTerminalText(std::string_view text);

// Escapes & < > " ' after toXmlText, so the result is safe in HTML text and in quoted
// attribute values alike.
std::string htmlEscape(std::string_view text);

// At most `maxBytes` bytes of `text`, cut back so no UTF-8 sequence is split.
std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes);

}  // namespace gpc::reporters
