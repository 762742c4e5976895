#include "reporters/html_latency.h"

#include <fmt/format.h>

#include "reporters/text_safety.h"
#include "runner/latency/run_latency.h"

namespace gpc::reporters {

std::string latencySectionHtml(const RunResult& result) {
  const auto rows = latency::summariseLatency(result.cases);
  const auto warnings = latency::countWarnings(result.cases);
  std::string out = "<section id=\"latency\">\n<h2>Response times</h2>\n";
  out += fmt::format(
      "<p>Each answer is timed from the request being sent to the last byte received (connection set-up left "
      "out) and held to the specification's limits: command interactions SHALL answer in under 250 ms and SHOULD "
      "in under 100 ms, query interactions SHALL in under 3,000 ms and SHOULD in under 1,000 ms. Over SHALL is a "
      "failed check; over SHOULD a warning. <strong>{} warning{}</strong> in this run.</p>\n",
      warnings, warnings == 1 ? "" : "s");
  if (rows.empty()) return out + "<p>No answered exchanges.</p>\n</section>\n";
  out += "<table>\n<tr><th>Interaction</th><th>Kind</th><th>SHALL / SHOULD</th><th>Answers</th><th>p50</th>"
         "<th>p95</th><th>Max</th><th>Over SHOULD</th><th>Over SHALL</th></tr>\n";
  for (const auto& row : rows) {
    const auto budget = latency::budgetFor(row.kind);
    const char* rowClass = row.overShall ? " class=\"fail\"" : row.overShould ? " class=\"warn\"" : "";
    out += fmt::format(
        "<tr{}><td><code>{}</code></td><td>{}</td><td class=\"n\">&lt; {:.0f} / &lt; {:.0f} ms</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{:.1f} ms</td><td class=\"n\">{:.1f} ms</td><td class=\"n\">{:.1f} ms</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td></tr>\n",
        rowClass, htmlEscape(row.interaction), latency::toString(row.kind), budget.shallMs, budget.shouldMs, row.count,
        row.p50Ms, row.p95Ms, row.maxMs, row.overShould, row.overShall);
  }
  return out + "</table>\n</section>\n";
}

}  // namespace gpc::reporters
