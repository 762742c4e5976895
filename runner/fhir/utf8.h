#pragma once
// UTF-8 well-formedness (RFC 3629): FHIR text is UTF-8, and provider bytes are checked
// against it where they enter (XML bodies) and where they are shown (the reports).

#include <cstddef>
#include <optional>
#include <string_view>

namespace gpc::fhir {

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 when it is not one
// (stray or missing continuation bytes, overlong forms, surrogates, above U+10FFFF).
// `codePoint` receives the decoded value when the length is not 0.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i, char32_t* codePoint);

// Byte offset of the first ill-formed sequence, or nullopt when the whole text is UTF-8.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

inline bool isValidUtf8(std::string_view text) { return !firstInvalidUtf8(text); }

}  // namespace gpc::fhir
