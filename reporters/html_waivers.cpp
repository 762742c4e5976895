#include "reporters/html_waivers.h"

#include <fmt/format.h>

#include "reporters/text_safety.h"
#include "runner/suite/selection.h"

namespace gpc::reporters {
namespace {

bool sameWaiver(const Waiver& a, const Waiver& b) {
  return a.caseGlob == b.caseGlob && a.reference == b.reference && a.expires == b.expires && a.reason == b.reason;
}

// "active", "expired" or "matches nothing", judged as the run judged them.
std::string status(const Waiver& w, const std::vector<const CaseResult*>& applied, bool matchesAny) {
  for (const auto* c : applied)
    if (c->waiver->expired) return "<strong>expired</strong> on " + htmlEscape(w.expires);
  if (!applied.empty()) return "in force until " + htmlEscape(w.expires);
  return matchesAny ? "<strong>waived nothing</strong>: no case it matches failed"
                    : "<strong>matches no case</strong> of this run";
}

}  // namespace

std::string waiversHtml(const RunResult& r) {
  if (r.info.waiversFile.empty()) return "";
  std::string out = "<section id=\"waivers\">\n<h2>Waivers</h2>\n<p>From <code>" + htmlEscape(r.info.waiversFile) +
                    "</code>. A waived case failed (or errored) and is accepted until the waiver's expiry date; it "
                    "is listed as <span class=\"v v-waived\">waived</span>, never as passed.</p>\n";
  if (r.info.waivers.empty()) return out + "<p>The file has no waivers.</p>\n</section>\n";
  out += "<table>\n<tr><th>Cases</th><th>Reason</th><th>Reference</th><th>Approved by</th><th>Status</th>"
         "<th>Cases waived</th></tr>\n";
  for (const auto& w : r.info.waivers) {
    std::vector<const CaseResult*> applied;
    bool matchesAny = false;
    for (const auto& c : r.cases) {
      matchesAny = matchesAny || globMatch(w.caseGlob, c.info.id);
      if (c.waiver && sameWaiver(c.waiver->waiver, w)) applied.push_back(&c);
    }
    std::string ids;
    for (const auto* c : applied)
      ids += fmt::format("<a href=\"#case-{0}\"><code>{0}</code></a> ", htmlEscape(c->info.id));
    out += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       htmlEscape(w.caseGlob), htmlEscape(w.reason), htmlEscape(w.reference), htmlEscape(w.approvedBy),
                       status(w, applied, matchesAny), ids);
  }
  return out + "</table>\n</section>\n";
}

}  // namespace gpc::reporters
