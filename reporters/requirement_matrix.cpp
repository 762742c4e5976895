#include "reporters/requirement_matrix.h"

#include <map>

#include <fmt/format.h>

namespace gpc::reporters {
namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

void settle(RequirementRow& row) {
  const int ran = row.passed + row.failed + row.errored + row.flaky + row.waived;
  if (row.failed + row.errored + row.flaky + row.waived > 0) {
    row.verdict = RequirementVerdict::SomeFailed;
  } else if (ran == 0) {
    row.verdict = RequirementVerdict::NotRun;
  } else {
    row.verdict = row.notRun == 0 ? RequirementVerdict::AllPassed : RequirementVerdict::SomeNotRun;
  }
}

void count(RequirementRow& row, Verdict v) {
  switch (v) {
    case Verdict::Passed: ++row.passed; break;
    case Verdict::Failed: ++row.failed; break;
    case Verdict::Errored: ++row.errored; break;
    case Verdict::Flaky: ++row.flaky; break;
    case Verdict::Waived: ++row.waived; break;
    case Verdict::Skipped: ++row.notRun; break;
  }
}

template <class Item, class InfoOf, class Tally>
std::vector<RequirementRow> build(const std::vector<Item>& items, InfoOf infoOf, Tally tally) {
  std::map<std::string, RequirementRow> rows;
  for (const auto& item : items) {
    const CaseInfo& info = infoOf(item);
    std::vector<std::string> cited = citedRequirements(info.requirement);
    if (cited.empty()) cited.push_back(kNoRequirement);
    for (const auto& requirement : cited) {
      RequirementRow& row = rows[requirement];
      row.requirement = requirement;
      row.caseIds.push_back(info.id);
      tally(row, item);
    }
  }
  std::vector<RequirementRow> out;
  for (auto& [name, row] : rows) {
    settle(row);
    out.push_back(std::move(row));
  }
  return out;
}

std::string joinedIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

}  // namespace

const char* toString(RequirementVerdict verdict) {
  switch (verdict) {
    case RequirementVerdict::AllPassed: return "all passed";
    case RequirementVerdict::SomeFailed: return "some failed";
    case RequirementVerdict::SomeNotRun: return "some not run";
    case RequirementVerdict::NotRun: return "not run";
  }
  return "unknown";
}

std::vector<std::string> citedRequirements(const std::string& requirement) {
  std::vector<std::string> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= requirement.size(); ++i) {
    const bool end = i == requirement.size();
    if (!end && requirement[i] == '(') ++depth;
    if (!end && requirement[i] == ')' && depth > 0) --depth;
    if (end || (depth == 0 && requirement[i] == ';')) {
      std::string piece = trimmed(std::string_view(requirement).substr(start, i - start));
      if (!piece.empty()) out.push_back(std::move(piece));
      start = i + 1;
    }
  }
  return out;
}

std::vector<RequirementRow> requirementMatrix(const std::vector<CaseResult>& cases) {
  return build(cases, [](const CaseResult& c) -> const CaseInfo& { return c.info; },
               [](RequirementRow& row, const CaseResult& c) { count(row, c.verdict); });
}

std::vector<RequirementRow> requirementMatrix(const std::vector<CaseInfo>& cases) {
  return build(cases, [](const CaseInfo& c) -> const CaseInfo& { return c; },
               [](RequirementRow& row, const CaseInfo&) { ++row.notRun; });
}

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string requirementMatrixCsv(const std::vector<RequirementRow>& rows) {
  std::string out = "requirement,verdict,cases,passed,failed,errored,flaky,waived,not_run,case_ids\r\n";
  for (const auto& r : rows) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\r\n", csvField(r.requirement), csvField(toString(r.verdict)),
                       r.caseIds.size(), r.passed, r.failed, r.errored, r.flaky, r.waived, r.notRun,
                       csvField(joinedIds(r.caseIds)));
  }
  return out;
}

std::vector<std::string> requirementMatrixLines(const std::vector<RequirementRow>& rows) {
  std::map<RequirementVerdict, int> byVerdict;
  for (const auto& r : rows) ++byVerdict[r.verdict];
  std::vector<std::string> out;
  for (const auto& r : rows) {
    out.push_back(r.requirement);
    out.push_back(fmt::format("  {}: {} case{} ({} passed, {} failed, {} errored, {} flaky, {} waived, {} not run)",
                              toString(r.verdict), r.caseIds.size(), r.caseIds.size() == 1 ? "" : "s", r.passed, r.failed,
                              r.errored, r.flaky, r.waived, r.notRun));
    out.push_back("  " + joinedIds(r.caseIds));
  }
  out.push_back(fmt::format("{} requirements: {} all passed, {} some failed, {} some not run, {} not run", rows.size(),
                     byVerdict[RequirementVerdict::AllPassed], byVerdict[RequirementVerdict::SomeFailed],
                     byVerdict[RequirementVerdict::SomeNotRun], byVerdict[RequirementVerdict::NotRun]));
  return out;
}

}  // namespace gpc::reporters
