#pragma once
// XML from a provider or a file is never allowed a document type declaration. FHIR XML has no
// DTD, and a DOCTYPE is exactly how external entities (<!ENTITY x SYSTEM "file:///etc/passwd">)
// and entity-expansion bombs ("billion laughs") arrive. pugixml expands no entities, but an
// unexpanded "&x;" is still a document that means something else than it reads, so such input
// is refused outright rather than parsed with the declaration silently ignored.

#include <optional>
#include <string>
#include <string_view>

namespace gpc::fhir {

// Why `xml` is refused ("a DOCTYPE declaration at offset N: ... external entities ..."), or
// nothing when it has no document type declaration. Checks the raw text, so it works whether
// or not the document parses.
std::optional<std::string> refusedDoctype(std::string_view xml);

}  // namespace gpc::fhir
