#include "reporters/html_requirements.h"

#include <map>

#include <fmt/format.h>

#include "reporters/html_text.h"
#include "reporters/requirement_matrix.h"
#include "reporters/text_safety.h"

namespace gpc::reporters {
namespace {

const char* verdictClass(RequirementVerdict v) {
  switch (v) {
    case RequirementVerdict::AllPassed: return "passed";
    case RequirementVerdict::SomeFailed: return "failed";
    case RequirementVerdict::SomeNotRun:
    case RequirementVerdict::NotRun: return "skipped";
  }
  return "skipped";
}

}  // namespace

std::string requirementsHtml(const RunResult& r) {
  if (r.cases.empty()) return "";
  // The spec version of a requirement's first case decides which specification its link opens.
  std::map<std::string, std::string> versionOf;
  for (const auto& c : r.cases) versionOf.emplace(c.info.id, c.info.specVersion);
  const auto rows = requirementMatrix(r.cases);
  std::map<RequirementVerdict, int> counts;
  for (const auto& row : rows) ++counts[row.verdict];
  std::string out = fmt::format(
      "<section id=\"requirements\">\n<details>\n<summary><h2>Requirements</h2> {} cited: {} all passed, {} some "
      "failed, {} some not run, {} not run</summary>\n",
      rows.size(), counts[RequirementVerdict::AllPassed], counts[RequirementVerdict::SomeFailed],
      counts[RequirementVerdict::SomeNotRun], counts[RequirementVerdict::NotRun]);
  out += "<table class=\"reqs\">\n<tr><th>Requirement</th><th>Verdict</th><th>Cases</th></tr>\n";
  for (const auto& row : rows) {
    std::string cases;
    for (const auto& id : row.caseIds) cases += fmt::format("<a href=\"#case-{0}\"><code>{0}</code></a> ", htmlEscape(id));
    const std::string name = row.requirement == kNoRequirement
                                 ? htmlEscape(row.requirement)
                                 : requirementLinks(row.requirement, versionOf[row.caseIds.front()]);
    out += fmt::format("<tr><td>{}</td><td><span class=\"v v-{}\">{}</span> <small>{}/{} passed</small></td><td>{}</td></tr>\n",
                       name, verdictClass(row.verdict), toString(row.verdict), row.passed, row.caseIds.size(), cases);
  }
  return out + "</table>\n</details>\n</section>\n";
}

}  // namespace gpc::reporters
