#include "runner/coverage/coverage.h"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace gpc::coverage {
namespace {

using Json = nlohmann::json;

std::map<std::string, std::string> readReasonMap(const Json& doc, const std::string& key,
                                                 const std::string& file) {
  std::map<std::string, std::string> out;
  if (!doc.contains(key)) return out;
  if (!doc[key].is_object())
    throw std::runtime_error(file + ": /" + key + ": expected an object of name -> reason");
  for (auto& [name, reason] : doc[key].items()) {
    if (!reason.is_string() || reason.get<std::string>().empty())
      throw std::runtime_error(file + ": /" + key + "/" + name + ": expected a non-empty reason");
    out[name] = reason.get<std::string>();
  }
  return out;
}

bool globMatch(const std::string& pattern, const std::string& name) {
  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

const std::string* matchFeature(const std::map<std::string, std::string>& globs,
                                const std::string& feature) {
  for (const auto& [pattern, reason] : globs)
    if (globMatch(pattern, feature)) return &reason;
  return nullptr;
}

std::string percent(double p) { return fmt::format("{:.1f}%", p); }

std::string scenarioLine(const ScenarioCoverage& s) {
  std::string line = s.scenario.branch + " " + s.scenario.reference();
  if (s.scenario.exampleRows > 0) line += fmt::format(" [{} rows]", s.scenario.exampleRows);
  return line;
}

std::string joined(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

}  // namespace

NotApplicable loadNotApplicable(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot open the not-applicable reasons");
  Json doc = Json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw std::runtime_error(file.string() + ": expected a JSON object");
  for (auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "scenarios" && key != "features" && key != "delegated" && key != "$comment")
      throw std::runtime_error(file.string() + ": /" + key +
                               ": unknown key (expected scenarios, features, delegated)");
  }
  const std::string name = file.string();
  return {readReasonMap(doc, "scenarios", name), readReasonMap(doc, "features", name),
          readReasonMap(doc, "delegated", name)};
}

const char* toString(Status s) {
  switch (s) {
    case Status::Covered: return "covered";
    case Status::NotApplicable: return "not applicable";
    case Status::Delegated: return "delegated";
    case Status::NotCovered: return "not covered";
  }
  return "unknown";
}

int CategoryCoverage::count(Status s) const {
  return static_cast<int>(std::count_if(scenarios.begin(), scenarios.end(),
                                        [s](const ScenarioCoverage& c) { return c.status == s; }));
}

double CategoryCoverage::accountedPercent() const {
  const int relevant = static_cast<int>(scenarios.size()) - count(Status::Delegated);
  if (relevant <= 0) return 100.0;
  return 100.0 * (count(Status::Covered) + count(Status::NotApplicable)) / relevant;
}

CategoryCoverage CoverageReport::total() const {
  CategoryCoverage all{"total", {}};
  for (const auto& c : categories)
    all.scenarios.insert(all.scenarios.end(), c.scenarios.begin(), c.scenarios.end());
  return all;
}

CoverageReport computeCoverage(const std::vector<OfficialScenario>& scenarios,
                               const std::vector<CaseTrace>& cases, const NotApplicable& reasons,
                               const std::vector<std::string>& categories) {
  CoverageReport report;
  report.suiteCases = static_cast<int>(cases.size());

  // Only cases that run cover a scenario; skipped ones are shown as the gap they are.
  std::map<std::string, std::vector<std::string>> casesByReference, skippedByReference;
  std::set<std::string> known;
  for (const auto& s : scenarios) known.insert(s.reference());
  for (const auto& c : cases)
    for (const auto& name : c.official) {
      (c.skip.empty() ? casesByReference : skippedByReference)[name].push_back(c.caseId);
      if (!known.count(name)) report.unknownReferences.push_back(name + " (case " + c.caseId + ")");
    }
  for (const auto& [name, reason] : reasons.scenarios)
    if (!known.count(name)) report.unknownReasons.push_back("scenarios: " + name);
  for (const auto* globs : {&reasons.features, &reasons.delegated})
    for (const auto& entry : *globs) {
      // A named variable, not a structured binding: clang 14 cannot capture bindings in lambdas.
      const std::string& pattern = entry.first;
      if (std::none_of(scenarios.begin(), scenarios.end(),
                       [&](const OfficialScenario& s) { return globMatch(pattern, s.feature); }))
        report.unknownReasons.push_back("features: " + pattern);
    }

  std::vector<std::string> order = categories;
  if (order.empty()) {
    std::set<std::string> all;
    for (const auto& s : scenarios) all.insert(s.category);
    order.assign(all.begin(), all.end());
  }
  for (const auto& category : order) {
    CategoryCoverage cc{category, {}};
    for (const auto& s : scenarios) {
      if (s.category != category) continue;
      ScenarioCoverage sc{s, Status::NotCovered, {}, {}};
      auto covering = casesByReference.find(s.reference());
      if (covering != casesByReference.end()) {
        sc.status = Status::Covered;
        sc.caseIds = covering->second;
      } else if (auto r = reasons.scenarios.find(s.reference()); r != reasons.scenarios.end()) {
        sc.status = Status::NotApplicable;
        sc.reason = r->second;
      } else if (const auto* fr = matchFeature(reasons.features, s.feature)) {
        sc.status = Status::NotApplicable;
        sc.reason = *fr;
      } else if (const auto* owner = matchFeature(reasons.delegated, s.feature)) {
        sc.status = Status::Delegated;
        sc.reason = *owner;
      } else if (auto sk = skippedByReference.find(s.reference()); sk != skippedByReference.end()) {
        sc.reason = "only skipped cases: " + joined(sk->second, ", ");
      }
      cc.scenarios.push_back(std::move(sc));
    }
    report.categories.push_back(std::move(cc));
  }
  return report;
}

namespace {

struct Row {
  std::string name;
  int total, covered, na, delegated, uncovered;
  double accounted;
};

Row summaryRow(const CategoryCoverage& c) {
  return {c.category, static_cast<int>(c.scenarios.size()), c.count(Status::Covered),
          c.count(Status::NotApplicable), c.count(Status::Delegated), c.count(Status::NotCovered),
          c.accountedPercent()};
}

std::vector<Row> summaryRows(const CoverageReport& report) {
  std::vector<Row> rows;
  for (const auto& c : report.categories) rows.push_back(summaryRow(c));
  rows.push_back(summaryRow(report.total()));
  return rows;
}

// One section per status, in the order a reviewer wants them: gaps first.
void listScenarios(std::ostringstream& out, const CategoryCoverage& c, bool markdown) {
  for (Status st : {Status::NotCovered, Status::Delegated, Status::NotApplicable, Status::Covered}) {
    if (c.count(st) == 0) continue;
    out << (markdown ? "\n**" : "  ") << toString(st) << (markdown ? "**\n\n" : ":\n");
    for (const auto& s : c.scenarios) {
      if (s.status != st) continue;
      std::string detail;
      if (st == Status::Covered) detail = " <- " + joined(s.caseIds, ", ");
      else if (!s.reason.empty()) detail = " — " + s.reason;
      if (markdown) out << "- " << scenarioLine(s) << (detail.empty() ? "" : detail) << "\n";
      else out << "    " << scenarioLine(s) << detail << "\n";
    }
  }
}

void listProblems(std::ostringstream& out, const CoverageReport& report, bool markdown) {
  const std::string bullet = markdown ? "- " : "  ";
  if (!report.unknownReferences.empty()) {
    out << (markdown ? "\n## Unknown official references\n\n" : "\nUnknown official references:\n");
    for (const auto& r : report.unknownReferences) out << bullet << r << "\n";
  }
  if (!report.unknownReasons.empty()) {
    out << (markdown ? "\n## Not-applicable reasons matching no scenario\n\n"
                     : "\nNot-applicable reasons matching no scenario:\n");
    for (const auto& r : report.unknownReasons) out << bullet << r << "\n";
  }
}

}  // namespace

std::string renderText(const CoverageReport& report) {
  std::ostringstream out;
  out << "Official scenario coverage (" << report.suiteCases << " suite cases)\n";
  out << fmt::format("{:<20} {:>6} {:>8} {:>5} {:>10} {:>10} {:>10}\n", "category", "total",
                     "covered", "n/a", "delegated", "uncovered", "accounted");
  for (const auto& r : summaryRows(report))
    out << fmt::format("{:<20} {:>6} {:>8} {:>5} {:>10} {:>10} {:>10}\n", r.name, r.total,
                       r.covered, r.na, r.delegated, r.uncovered, percent(r.accounted));
  for (const auto& c : report.categories) {
    out << "\n" << c.category << "\n";
    listScenarios(out, c, false);
  }
  listProblems(out, report, false);
  return out.str();
}

std::string renderMarkdown(const CoverageReport& report) {
  std::ostringstream out;
  out << "| category | total | covered | n/a | delegated | uncovered | accounted |\n"
      << "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& r : summaryRows(report))
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", r.name, r.total, r.covered, r.na,
                       r.delegated, r.uncovered, percent(r.accounted));
  out << "\n`accounted` = (covered + not applicable) / (total - delegated). Scenarios are counted "
         "once per branch; outline rows are shown in brackets.\n";
  for (const auto& c : report.categories) {
    out << "\n## " << c.category << "\n";
    listScenarios(out, c, true);
  }
  listProblems(out, report, true);
  return out.str();
}

}  // namespace gpc::coverage
