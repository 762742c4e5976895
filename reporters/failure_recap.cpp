#include "reporters/failure_recap.h"

#include <algorithm>

#include <fmt/format.h>

#include "reporters/case_summary.h"

namespace gpc::reporters {

std::string reasonWithoutStep(const std::string& reason) {
  // The executor writes `step "NAME": ` (runner/exec/case_executor.cpp, stepPrefix).
  if (reason.rfind("step \"", 0) != 0) return reason;
  const auto end = reason.find("\": ", 6);
  return end == std::string::npos ? reason : reason.substr(end + 3);
}

std::vector<FailureGroup> groupFailuresByReason(const std::vector<CaseResult>& cases) {
  std::vector<FailureGroup> groups;
  for (const auto& c : cases) {
    if (c.verdict != Verdict::Failed && c.verdict != Verdict::Errored) continue;
    std::string reason = reasonWithoutStep(c.reason);
    if (reason.empty()) reason = toString(c.verdict);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const FailureGroup& g) { return g.reason == reason; });
    if (it == groups.end()) it = groups.insert(groups.end(), FailureGroup{std::move(reason), {}});
    it->cases.push_back(&c);
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const FailureGroup& a, const FailureGroup& b) { return a.cases.size() > b.cases.size(); });
  return groups;
}

const CheckResult* decidingCheck(const CaseResult& r) {
  const std::string reason = reasonWithoutStep(r.reason);
  for (const auto& c : r.checks)
    if (!c.passed && c.message == reason) return &c;
  return nullptr;
}

const Exchange* decidingExchange(const CaseResult& r) {
  if (r.exchanges.empty()) return nullptr;
  if (const CheckResult* check = decidingCheck(r)) {
    for (auto it = r.exchanges.rbegin(); it != r.exchanges.rend(); ++it)
      if (it->step == check->step) return &*it;
  }
  return &r.exchanges.back();
}

std::string abbreviatedIds(const std::vector<const CaseResult*>& cases, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < cases.size() && i < shown; ++i) out += (i == 0 ? "" : ", ") + cases[i]->info.id;
  if (cases.size() > shown) out += fmt::format(", ... (+{} more)", cases.size() - shown);
  return out;
}

std::vector<std::string> failureRecapLines(const std::vector<CaseResult>& cases) {
  const auto groups = groupFailuresByReason(cases);
  if (groups.empty()) return {};
  std::size_t failing = 0;
  for (const auto& g : groups) failing += g.cases.size();
  std::vector<std::string> lines;
  lines.push_back(fmt::format("Failures by reason: {} reason{}, {} case{}", groups.size(), groups.size() == 1 ? "" : "s",
                              failing, failing == 1 ? "" : "s"));
  for (const auto& g : groups) {
    lines.push_back(fmt::format("  {} case{}  {}", g.cases.size(), g.cases.size() == 1 ? " " : "s", g.reason));
    lines.push_back("      " + abbreviatedIds(g.cases));
    const CaseResult& example = *g.cases.front();
    const CheckResult* check = decidingCheck(example);
    if (!check) {
      const auto failed = std::find_if(example.checks.begin(), example.checks.end(), [](const auto& c) { return !c.passed; });
      if (failed != example.checks.end()) check = &*failed;
    }
    const std::string checkText = check ? fmt::format("{} {}", checkLabel(*check), describeCheck(*check, false))
                                        : std::string(toString(example.verdict));
    lines.push_back("      e.g. " + example.info.id + ": " + checkText);
    if (const Exchange* e = decidingExchange(example)) lines.push_back("           " + exchangeLine(*e));
  }
  return lines;
}

std::vector<std::string> flakyRecapLines(const std::vector<CaseResult>& cases) {
  std::vector<std::string> lines;
  for (const auto& c : cases)
    if (c.verdict == Verdict::Flaky) lines.push_back("  " + c.info.id + "  " + c.reason);
  if (lines.empty()) return lines;
  lines.insert(lines.begin(), fmt::format("Flaky (passed on a retry, failing attempts kept): {} case{}", lines.size(),
                                          lines.size() == 1 ? "" : "s"));
  return lines;
}

}  // namespace gpc::reporters
