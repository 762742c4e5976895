#include "runner/fhir/fhirpath/codec.h"

#include <nlohmann/json.hpp>

#include "runner/fhir/html_escape.h"

namespace gpc::fhirpath::detail {
namespace {

const std::string kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const std::string kUrlBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string toBase64(const std::string& in, const std::string& alphabet) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? alphabet[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? alphabet[v & 63] : '=';
  }
  return out;
}

std::optional<std::string> fromBase64(const std::string& in, const std::string& alphabet) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    auto pos = alphabet.find(c);
    if (pos == std::string::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> encodeText(const std::string& text, const std::string& format) {
  if (format == "base64") return toBase64(text, kBase64);
  if (format == "urlbase64") return toBase64(text, kUrlBase64);
  if (format == "hex") {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : text) out += digits[c >> 4], out += digits[c & 15];
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> decodeText(const std::string& text, const std::string& format) {
  if (format == "base64") return fromBase64(text, kBase64);
  if (format == "urlbase64") return fromBase64(text, kUrlBase64);
  if (format == "hex") {
    if (text.size() % 2) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
      try {
        out += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> escapeText(const std::string& text, const std::string& format) {
  if (format == "json") {
    std::string quoted = nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return quoted.substr(1, quoted.size() - 2);
  }
  if (format != "html") return std::nullopt;
  return fhir::escapeHtml(text);
}

std::optional<std::string> unescapeText(const std::string& text, const std::string& format) {
  if (format == "json") {
    // Bare quotes are taken as themselves; backslash escapes are decoded as JSON does.
    std::string literal = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        literal += text[i];
        literal += text[++i];
      } else {
        literal += text[i] == '"' ? std::string("\\\"") : std::string(1, text[i]);
      }
    }
    auto parsed = nlohmann::json::parse(literal + "\"", nullptr, false);
    if (parsed.is_discarded() || !parsed.is_string()) return std::nullopt;
    return parsed.get<std::string>();
  }
  if (format != "html") return std::nullopt;
  static const std::pair<const char*, char> entities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [entity, c] : entities) {
      std::string_view e(entity);
      if (text.compare(i, e.size(), e) == 0) {
        out += c;
        i += e.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace gpc::fhirpath::detail
