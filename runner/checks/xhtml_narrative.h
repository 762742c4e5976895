#pragma once
// The "xhtml-narrative" named check: every FHIR Narrative div in a response (for Access Record
// HTML, Composition.section.text.div) judged as the FHIR narrative rules and the GP Connect HTML
// implementation guide require, by parsing it as XML rather than by pattern matching:
//   - well-formed XML, exactly one root element <div>, in the XHTML namespace (the JSON form may
//     leave the namespace implicit, as DSTU2 and the GP Connect examples do; any other namespace,
//     prefixed names or nested namespace declarations fail);
//   - only the basic HTML formatting elements and attributes (txt-1, txt-3): no head, body,
//     script, style, link, meta, base, form controls, frames, iframes, objects/embeds; no on*
//     event attributes; no script or data URLs; img src only internal (#id or relative);
//     no url()/expression() in style attributes (external stylesheet references);
//   - some non-whitespace content (txt-2);
//   - no entities other than numeric character references and the five XML ones (the guide:
//     no HTML entities, use &#160;), no DOCTYPE, no processing instructions;
//   - no "\r\n" line breaks (the guide: use <br/>).
// Each issue names the element path inside the div (div/table[1]/tbody/tr[2]/td[1]) and the
// offending markup, so a supplier can find it.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/checks/response_view.h"
#include "runner/core/model.h"

namespace gpc::checks {

struct NarrativeIssue {
  std::string path;     // element path inside the narrative, e.g. "div/table[1]/tbody/tr[2]/td[1]"
  std::string rule;     // short rule name: well-formed, root, namespace, element, attribute, url, entity, crlf, content
  std::string message;  // what is wrong
  std::string markup;   // the offending markup (start tag, entity and its surroundings), cut to a readable size
};

// Every issue of one narrative div (the xhtml string of a FHIR JSON Narrative.div).
std::vector<NarrativeIssue> narrativeIssues(std::string_view div);

// Named check: every Narrative.div in the response body (a Bundle's entries included); fails when
// there is none, or on the first issues found (each with its FHIR element path, the element path
// inside the div and the markup).
CheckResult xhtmlNarrativeCheck(const nlohmann::json& args, const ResponseView& response);

}  // namespace gpc::checks
