#include "reporters/html_changes.h"

#include <fmt/format.h>

#include "reporters/baseline_changes.h"
#include "reporters/failure_recap.h"
#include "reporters/text_safety.h"

namespace gpc::reporters {
namespace {

std::string caseLink(const std::string& id) { return fmt::format("<a href=\"#case-{0}\"><code>{0}</code></a>", htmlEscape(id)); }

std::string verdictBadge(Verdict v) { return fmt::format("<span class=\"v v-{0}\">{0}</span>", toString(v)); }

}  // namespace

std::string changesHtml(const RunResult& r) {
  if (!r.info.baseline) return "";
  const BaselineRun& baseline = *r.info.baseline;
  const BaselineComparison comparison = compareWithBaseline(baseline, r.cases);
  std::string out = "<section id=\"changes\">\n<h2>Changes since baseline</h2>\n";
  out += "<p>Compared with <code>" + htmlEscape(baseline.file) + "</code>, the run of " + htmlEscape(baseline.startedAt) +
         " (report SHA-256 <code>" + htmlEscape(baseline.resultSha256) + "</code>): <strong>" +
         htmlEscape(changeCountsLine(comparison)) + "</strong>.</p>\n";
  std::string rows;
  for (Change kind : {Change::Regressed, Change::Fixed, Change::New}) {
    for (const auto& c : comparison.cases) {
      if (c.change != kind) continue;
      const CaseResult& result = *c.result;
      rows += fmt::format("<tr class=\"chg-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                          toString(kind), toString(kind), caseLink(result.info.id),
                          c.before ? verdictBadge(*c.before) : "<em>not in baseline</em>", verdictBadge(result.verdict),
                          htmlEscape(kind == Change::Fixed ? "" : reasonWithoutStep(result.reason)));
    }
  }
  for (const auto& [id, verdict] : comparison.removed)
    rows += fmt::format("<tr class=\"chg-removed\"><td>removed</td><td><code>{}</code></td><td>{}</td>"
                        "<td><em>not in this run</em></td><td></td></tr>\n",
                        htmlEscape(id), verdictBadge(verdict));
  if (!rows.empty())
    out += "<table>\n<tr><th>Change</th><th>Case</th><th>Baseline</th><th>This run</th><th>Reason</th></tr>\n" + rows +
           "</table>\n";
  std::string still;
  for (const auto& c : comparison.cases)
    if (c.change == Change::StillFailing) still += caseLink(c.result->info.id) + " ";
  if (!still.empty()) out += "<p>Still failing: " + still + "</p>\n";
  return out + "</section>\n";
}

}  // namespace gpc::reporters
