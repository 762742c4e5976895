#include "runner/fhir/xml_doctype.h"

namespace gpc::fhir {

std::optional<std::string> refusedDoctype(std::string_view xml) {
  // A DOCTYPE can only come before the root element; the prolog holds nothing but the XML
  // declaration, comments, processing instructions and whitespace, so a plain scan up to the
  // first element suffices and needs no parser (which might be the thing being attacked).
  std::size_t at = 0;
  while ((at = xml.find('<', at)) != std::string_view::npos) {
    const std::string_view rest = xml.substr(at);
    if (rest.starts_with("<!DOCTYPE")) {
      const bool entities = xml.find("<!ENTITY", at) != std::string_view::npos;
      return "a DOCTYPE declaration at offset " + std::to_string(at) +
             " (refused: FHIR XML has no DTD" +
             (entities ? std::string(", and its ENTITY declarations could read local files or expand without bound)")
                       : std::string(")"));
    }
    if (rest.starts_with("<?")) {
      at = xml.find("?>", at);
    } else if (rest.starts_with("<!--")) {
      at = xml.find("-->", at);
    } else {
      return std::nullopt;  // the root element: no DOCTYPE can follow
    }
    if (at == std::string_view::npos) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace gpc::fhir
