#include "runner/checks/xhtml_narrative.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <pugixml.hpp>

#include "runner/checks/check_result.h"

namespace gpc::checks {
namespace {

constexpr std::string_view kXhtmlNamespace = "http://www.w3.org/1999/xhtml";
constexpr std::size_t kMaxMarkup = 160;
constexpr std::size_t kIssuesInMessage = 5;

using Names = std::set<std::string, std::less<>>;

// HTML 4.0 chapters 7-11 (less 9.4, ins/del) and 15, plus <a> and <img> (txt-1). Deprecated and
// document-level elements (html, head, body, title, meta, font, center, ...) are not in it.
const Names kAllowedElements = {
    "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "address", "bdo",                            // ch 7, 8
    "em", "strong", "dfn", "code", "samp", "kbd", "var", "cite", "abbr", "acronym", "blockquote",  // ch 9
    "q", "sub", "sup", "p", "br", "pre",                                                           //
    "ul", "ol", "li", "dl", "dt", "dd",                                                            // ch 10
    "table", "caption", "thead", "tfoot", "tbody", "colgroup", "col", "tr", "th", "td",           // ch 11
    "tt", "i", "b", "big", "small", "hr",                                                          // ch 15
    "a", "img"};

// Named so the message says why, not just "not allowed".
const Names kForbiddenElements = {"html", "head", "body", "title", "script", "noscript", "style", "link", "meta", "base",
                                  "form", "input", "button", "select", "option", "textarea", "label", "fieldset",
                                  "iframe", "frame", "frameset", "object", "embed", "applet", "param", "svg", "math"};

const Names kCoreAttributes = {"id", "class", "style", "title", "lang", "xml:lang", "dir"};
const std::map<std::string, Names, std::less<>> kElementAttributes = {
    {"a", {"href", "name"}},
    {"img", {"src", "alt", "height", "width"}},
    {"table", {"summary", "width", "border", "frame", "rules", "cellspacing", "cellpadding"}},
    {"col", {"span", "width", "align", "char", "charoff", "valign"}},
    {"colgroup", {"span", "width", "align", "char", "charoff", "valign"}},
    {"thead", {"align", "char", "charoff", "valign"}},
    {"tbody", {"align", "char", "charoff", "valign"}},
    {"tfoot", {"align", "char", "charoff", "valign"}},
    {"tr", {"align", "char", "charoff", "valign"}},
    {"th", {"abbr", "axis", "headers", "scope", "rowspan", "colspan", "align", "char", "charoff", "valign"}},
    {"td", {"abbr", "axis", "headers", "scope", "rowspan", "colspan", "align", "char", "charoff", "valign"}},
    {"q", {"cite"}},
    {"blockquote", {"cite"}},
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string cut(std::string s) {
  if (s.size() > kMaxMarkup) s = s.substr(0, kMaxMarkup) + "...";
  return s;
}

// Control characters shown, so a CR LF in evidence is visible rather than a line break.
std::string visible(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string startTag(const pugi::xml_node& n) {
  // Appended piece by piece: GCC 12 at -O3 falsely flags "<" + std::string (-Wrestrict).
  std::string tag(1, '<');
  tag.append(n.name());
  for (const auto& a : n.attributes()) {
    tag.append(" ").append(a.name()).append("=\"").append(a.value()).append("\"");
  }
  tag.push_back('>');
  return cut(visible(tag));
}

// "div/table[1]/tbody/tr[2]": the index only where the element has same-named siblings.
std::string pathOf(const pugi::xml_node& n) {
  if (!n || n.type() == pugi::node_document) return "";
  if (n.type() != pugi::node_element) return pathOf(n.parent());
  std::string step = n.name();
  int index = 0, count = 0;
  for (auto s = n.parent().first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || std::string_view(s.name()) != step) continue;
    ++count;
    if (s == n) index = count;
  }
  if (count > 1) step += "[" + std::to_string(index) + "]";
  const std::string parent = pathOf(n.parent());
  return parent.empty() ? step : parent + "/" + step;
}

class Judge {
 public:
  std::vector<NarrativeIssue> issues;

  void add(std::string path, std::string rule, std::string message, std::string markup) {
    issues.push_back({std::move(path), std::move(rule), std::move(message), std::move(markup)});
  }

  // Raw text (entities not expanded: the parse keeps them) of a text node or attribute value.
  void text(const pugi::xml_node& at, std::string_view raw, const std::string& where) {
    for (std::size_t amp = raw.find('&'); amp != std::string_view::npos; amp = raw.find('&', amp + 1)) {
      const std::size_t semi = raw.find(';', amp);
      const std::string_view ref = semi == std::string_view::npos ? raw.substr(amp, 12) : raw.substr(amp, semi - amp + 1);
      if (!allowedReference(ref))
        add(pathOf(at), "entity",
            "entity " + cut(std::string(ref)) + where +
                " is not allowed: only numeric character references (e.g. &#160;) and &amp; &lt; &gt; &quot; &apos;",
            cut(visible(raw.substr(amp >= 20 ? amp - 20 : 0, 60))));
    }
    if (raw.find("\r\n") != std::string_view::npos)
      add(pathOf(at), "crlf", "\\r\\n line break" + where + " (use <br/>)", cut(visible(raw)));
  }

  void element(const pugi::xml_node& n, bool root) {
    const std::string name = n.name();
    const std::string path = pathOf(n);
    if (name.find(':') != std::string::npos) {
      add(path, "namespace", "element " + name + " has a namespace prefix: narrative elements are unprefixed XHTML", startTag(n));
    } else if (kForbiddenElements.count(lower(name))) {
      add(path, "element", "<" + name + "> is forbidden in a FHIR narrative (no head, body, scripts, styles, links, forms, frames or objects)",
          startTag(n));
    } else if (!kAllowedElements.count(name)) {
      add(path, "element", "<" + name + "> is not one of the basic HTML formatting elements a FHIR narrative may contain (txt-1)",
          startTag(n));
    }
    std::set<std::string> seen;
    for (const auto& a : n.attributes()) attribute(n, a, root, seen);
    for (const auto& child : n.children()) {
      switch (child.type()) {
        case pugi::node_element: element(child, false); break;
        case pugi::node_pcdata: text(n, child.value(), ""); break;
        case pugi::node_pi:
        case pugi::node_declaration:
          add(path, "well-formed", "processing instruction in the narrative", cut(std::string("<?") + child.name() + "?>"));
          break;
        default: break;  // comments and CDATA carry no markup
      }
    }
  }

 private:
  static bool allowedReference(std::string_view ref) {
    static const Names xml = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    if (xml.count(ref)) return true;
    if (ref.size() < 4 || ref[1] != '#' || ref.back() != ';') return false;
    const bool hex = ref[2] == 'x' || ref[2] == 'X';
    const std::string_view digits = ref.substr(hex ? 3 : 2, ref.size() - (hex ? 4 : 3));
    return !digits.empty() && std::all_of(digits.begin(), digits.end(), [hex](unsigned char c) {
      return hex ? std::isxdigit(c) != 0 : std::isdigit(c) != 0;
    });
  }

  void url(const pugi::xml_node& n, const std::string& attr, std::string_view value) {
    std::string v = lower(value);
    v.erase(std::remove_if(v.begin(), v.end(), [](unsigned char c) { return std::isspace(c) != 0; }), v.end());
    const auto colon = v.find(':');
    const auto slash = v.find_first_of("/?#");
    const std::string scheme = colon != std::string::npos && (slash == std::string::npos || colon < slash) ? v.substr(0, colon) : "";
    const std::string where = attr + "=\"" + std::string(value) + "\"";
    if (scheme == "javascript" || scheme == "vbscript" || scheme == "data") {
      add(pathOf(n), "url", scheme + ": URL in " + cut(where) + " (scripts and embedded content are not allowed)", startTag(n));
    } else if (attr == "src" && (!scheme.empty() || v.rfind("//", 0) == 0)) {
      add(pathOf(n), "url", "img src " + cut(where) + " is an external reference: images must be internal (#id) or relative", startTag(n));
    } else if (attr == "href" && !scheme.empty() && scheme != "http" && scheme != "https" && scheme != "mailto") {
      add(pathOf(n), "url", "link " + cut(where) + " uses the " + scheme + ": scheme", startTag(n));
    }
  }

  void attribute(const pugi::xml_node& n, const pugi::xml_attribute& a, bool root, std::set<std::string>& seen) {
    const std::string name = a.name();
    const std::string lname = lower(name);
    const std::string path = pathOf(n);
    if (!seen.insert(name).second) add(path, "well-formed", "attribute " + name + " appears twice", startTag(n));
    if (name == "xmlns") {
      if (std::string_view(a.value()) != kXhtmlNamespace)
        add(path, "namespace", "the narrative must be in the XHTML namespace " + std::string(kXhtmlNamespace) + ", not \"" + a.value() + "\"",
            startTag(n));
      else if (!root)
        add(path, "namespace", "namespace declared again below the root div", startTag(n));
      return;
    }
    if (name.rfind("xmlns:", 0) == 0) {
      add(path, "namespace", "namespace prefix declaration " + name + ": narrative elements are unprefixed XHTML", startTag(n));
      return;
    }
    text(n, a.value(), " in attribute " + name);
    if (lname.size() > 2 && lname.rfind("on", 0) == 0) {
      add(path, "attribute", "event attribute " + name + " is not allowed (no scripts in a narrative)", startTag(n));
      return;
    }
    const auto own = kElementAttributes.find(std::string_view(n.name()));
    if (!kCoreAttributes.count(name) && (own == kElementAttributes.end() || !own->second.count(name))) {
      add(path, "attribute", "attribute " + name + " is not a basic HTML formatting attribute of <" + n.name() + "> (txt-3)", startTag(n));
      return;
    }
    if (name == "href" || name == "src") url(n, name, a.value());
    if (name == "style" && (lower(a.value()).find("url(") != std::string::npos || lower(a.value()).find("expression(") != std::string::npos))
      add(path, "url", "style attribute refers to external content (url()/expression())", startTag(n));
  }
};

bool hasText(const pugi::xml_node& n) {
  for (const auto& c : n.children()) {
    if (c.type() == pugi::node_element && hasText(c)) return true;
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      const std::string_view v = c.value();
      if (std::any_of(v.begin(), v.end(), [](unsigned char ch) { return std::isspace(ch) == 0; })) return true;
    }
  }
  return false;
}

// Every Narrative.div string in a resource: objects under a "text" key holding a string "div".
void findNarratives(const nlohmann::json& v, const std::string& path, std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_object()) {
    for (const auto& [key, child] : v.items()) {
      const std::string here = path + "." + key;
      if (key == "text" && child.is_object() && child.contains("div") && child["div"].is_string()) {
        out.emplace_back(here + ".div", child["div"].get<std::string>());
        continue;
      }
      findNarratives(child, key == "resource" && child.is_object() ? here + "(" + child.value("resourceType", "?") + ")" : here, out);
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) findNarratives(v[i], path + "[" + std::to_string(i) + "]", out);
  }
}

}  // namespace

std::vector<NarrativeIssue> narrativeIssues(std::string_view div) {
  Judge judge;
  pugi::xml_document doc;
  // No entity expansion, no end-of-line normalisation, nothing folded: the raw markup is judged.
  const unsigned options = pugi::parse_cdata | pugi::parse_comments | pugi::parse_pi | pugi::parse_declaration | pugi::parse_doctype;
  const pugi::xml_parse_result parsed = doc.load_buffer(div.data(), div.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    const auto at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0));
    judge.add("", "well-formed", std::string("not well-formed XML: ") + parsed.description() + " at offset " + std::to_string(at),
              cut(visible(div.substr(at >= 30 ? at - 30 : 0, 80))));
    return judge.issues;
  }
  // Text outside the root element is not kept as a node by the parser; judge it on the raw string.
  const auto first = div.find_first_not_of(" \t\r\n");
  const auto last = div.find_last_not_of(" \t\r\n");
  if (first != std::string_view::npos && (div[first] != '<' || div[last] != '>'))
    judge.add("", "root", "text outside the root div", cut(visible(div[first] != '<' ? div.substr(first, 60) : div.substr(last >= 59 ? last - 59 : 0))));
  std::vector<pugi::xml_node> roots;
  for (const auto& n : doc.children()) {
    if (n.type() == pugi::node_element) roots.push_back(n);
    else if (n.type() == pugi::node_doctype) judge.add("", "entity", "DOCTYPE in the narrative (it could declare entities)", cut(std::string("<!DOCTYPE ") + n.value() + ">"));
    else if (n.type() == pugi::node_pi || n.type() == pugi::node_declaration) judge.add("", "well-formed", "processing instruction or XML declaration before the div", cut(std::string("<?") + n.name() + "?>"));
    else if (n.type() == pugi::node_pcdata && std::string_view(n.value()).find_first_not_of(" \t\r\n") != std::string_view::npos)
      judge.add("", "root", "text outside the root div", cut(visible(n.value())));
  }
  if (roots.size() != 1 || std::string_view(roots.front().name()) != "div") {
    judge.add(roots.empty() ? "" : pathOf(roots.front()), "root",
              roots.empty() ? "no root element: the narrative must be one <div>"
                            : roots.size() > 1 ? std::to_string(roots.size()) + " root elements: the narrative must be exactly one <div>"
                                               : "the root element must be <div>, not <" + std::string(roots.front().name()) + ">",
              roots.empty() ? cut(visible(div)) : startTag(roots.front()));
  }
  for (const auto& root : roots) judge.element(root, true);
  if (!roots.empty() && !hasText(roots.front()))
    judge.add(pathOf(roots.front()), "content", "the narrative has no non-whitespace content (txt-2)", startTag(roots.front()));
  // A CR LF between tags is no text node's; still a \r\n in the narrative.
  if (div.find("\r\n") != std::string_view::npos &&
      std::none_of(judge.issues.begin(), judge.issues.end(), [](const NarrativeIssue& i) { return i.rule == "crlf"; })) {
    const auto at = div.find("\r\n");
    judge.add(roots.empty() ? "" : pathOf(roots.front()), "crlf", "\\r\\n line break in the markup (use <br/>)",
              cut(visible(div.substr(at >= 30 ? at - 30 : 0, 60))));
  }
  return judge.issues;
}

CheckResult xhtmlNarrativeCheck(const nlohmann::json&, const ResponseView& r) {
  const std::string name = "xhtml-narrative";
  if (!r.resource()) {
    return makeResult(name, "body", false,
                      name + ": needs a FHIR resource body, but " + (r.parseError.empty() ? "there is none" : r.parseError));
  }
  std::vector<std::pair<std::string, std::string>> narratives;
  findNarratives(r.body, r.body.value("resourceType", std::string("Resource")), narratives);
  if (narratives.empty()) return makeResult(name, "text.div", false, "the response has no narrative (text.div) to judge", "a Narrative.div", "none");
  std::vector<std::string> found;
  std::string firstMarkup;
  std::size_t total = 0;
  for (const auto& [where, div] : narratives) {
    for (const auto& issue : narrativeIssues(div)) {
      ++total;
      if (firstMarkup.empty()) firstMarkup = issue.markup;
      if (found.size() < kIssuesInMessage)
        found.push_back(where + (issue.path.empty() ? "" : " " + issue.path) + ": " + issue.message + " [" + issue.markup + "]");
    }
  }
  if (total == 0) {
    return makeResult(name, "text.div", true,
                      std::to_string(narratives.size()) + " narrative(s) are well-formed XHTML within the FHIR narrative rules");
  }
  std::string message = std::to_string(total) + " narrative problem(s): ";
  for (std::size_t i = 0; i < found.size(); ++i) message += (i ? "; " : "") + found[i];
  if (total > found.size()) message += "; and " + std::to_string(total - found.size()) + " more";
  return makeResult(name, "text.div", false, message, "XHTML within the FHIR narrative rules", firstMarkup);
}

}  // namespace gpc::checks
