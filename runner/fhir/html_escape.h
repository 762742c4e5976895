#pragma once
// The one HTML/XML markup escape of the project: FHIRPath's escape('html') and the HTML report
// both use it. It escapes markup only; making provider bytes valid UTF-8 first is the
// caller's concern (the reports do it, FHIRPath strings already are).

#include <string>
#include <string_view>

namespace gpc::fhir {

// & < > " ' as entities, so the text is safe in element content and in quoted attribute
// values alike. The apostrophe is &#39; (HTML 4 has no &apos;).
inline std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace gpc::fhir
