#pragma once
// Byte encodings requests need: base64 (both alphabets), percent-encoding, UUID v4.

#include <optional>
#include <string>
#include <string_view>

namespace gpc {

std::string base64UrlEncode(std::string_view bytes);  // RFC 4648 §5, no padding
std::string base64Encode(std::string_view bytes);     // RFC 4648 §4, with padding
// Accepts either alphabet, with or without padding; nullopt on anything else.
std::optional<std::string> base64Decode(std::string_view text);

// RFC 3986 unreserved characters are kept; everything else (including '|', ' ', '/', ':') is %XX.
std::string percentEncode(std::string_view text);

// A random (version 4, RFC 4122 variant) UUID in lower case, from OpenSSL's CSPRNG (thread-safe).
std::string uuidV4();

}  // namespace gpc
