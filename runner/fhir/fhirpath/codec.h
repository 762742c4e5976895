#pragma once
// Text encodings behind encode()/decode() and escape()/unescape().

#include <optional>
#include <string>

namespace gpc::fhirpath::detail {

// format: "base64", "urlbase64", "hex". nullopt for an unknown format or undecodable text.
std::optional<std::string> encodeText(const std::string& text, const std::string& format);
std::optional<std::string> decodeText(const std::string& text, const std::string& format);
// format: "html", "json".
std::optional<std::string> escapeText(const std::string& text, const std::string& format);
std::optional<std::string> unescapeText(const std::string& text, const std::string& format);

}  // namespace gpc::fhirpath::detail
