#pragma once
// Writes a section view as the Composition.section.text.div XHTML of Access Record HTML 0.7.4:
// well-formed XML, every data value escaped as numeric character references (the implementation
// guide forbids HTML entities; &#160; is the one space filler), no \r\n, no script, form,
// iframe or event attributes.
//
// Faults honoured (each breaks exactly its rule): html-column-order-wrong (first two column
// headers of every table swapped), html-script (a <script> element appended), html-entity
// (empty cells filled with the named entity &nbsp; instead of &#160;), html-event-attribute (an
// onclick attribute on the h1), html-malformed (the h1 never closed: not well-formed XML).

#include <set>
#include <string>
#include <string_view>

#include "provider/capabilities/html/html_view.h"

namespace gpc::provider::html {

// Text as XHTML character data: & < > " ' as numeric references, line breaks (\r\n, \n, \r) as
// <br/>, characters XML 1.0 cannot carry replaced by U+FFFD; nothing is dropped or truncated.
std::string escapeText(std::string_view text);

std::string renderXhtml(const SectionView& view, const std::set<std::string>& faults);

}  // namespace gpc::provider::html
