#include "reporters/baseline_changes.h"

#include <unordered_map>

#include <fmt/format.h>

#include "reporters/failure_recap.h"

namespace gpc::reporters {
namespace {

bool failing(Verdict v) { return v == Verdict::Failed || v == Verdict::Errored || v == Verdict::Waived; }

Change classify(std::optional<Verdict> before, Verdict after) {
  if (!before) return Change::New;
  if (failing(*before) && after == Verdict::Passed) return Change::Fixed;
  if (failing(*before) && failing(after)) return Change::StillFailing;
  if (!failing(*before) && failing(after)) return Change::Regressed;
  return Change::Unchanged;
}

// The label column of changeLines, wide enough for "still failing".
std::string label(std::string_view text) { return fmt::format("{:<13}", text); }
std::string label(Change change) { return label(change == Change::StillFailing ? "still failing" : toString(change)); }

}  // namespace

const char* toString(Change change) {
  switch (change) {
    case Change::New: return "new";
    case Change::Fixed: return "fixed";
    case Change::Regressed: return "regressed";
    case Change::StillFailing: return "still_failing";
    case Change::Unchanged: return "unchanged";
  }
  return "unknown";
}

int BaselineComparison::count(Change change) const {
  int n = 0;
  for (const auto& c : cases) n += c.change == change ? 1 : 0;
  return n;
}

BaselineComparison compareWithBaseline(const BaselineRun& baseline, const std::vector<CaseResult>& cases) {
  std::unordered_map<std::string, Verdict> before;
  for (const auto& [id, verdict] : baseline.verdicts) before.emplace(id, verdict);
  BaselineComparison out;
  std::unordered_map<std::string, bool> present;
  for (const auto& c : cases) {
    const auto it = before.find(c.info.id);
    const std::optional<Verdict> was = it == before.end() ? std::nullopt : std::optional<Verdict>(it->second);
    out.cases.push_back({&c, classify(was, c.verdict), was});
    present[c.info.id] = true;
  }
  for (const auto& [id, verdict] : baseline.verdicts)
    if (!present.contains(id)) out.removed.emplace_back(id, verdict);
  return out;
}

BaselineRun baselineFrom(const RunResult& run, std::string file, std::string resultSha256) {
  BaselineRun b{std::move(file), run.info.startedAt, std::move(resultSha256), {}};
  for (const auto& c : run.cases) b.verdicts.emplace_back(c.info.id, c.verdict);
  return b;
}

std::string changeCountsLine(const BaselineComparison& c) {
  return fmt::format("{} regressed, {} fixed, {} new, {} removed, {} still failing, {} unchanged",
                     c.count(Change::Regressed), c.count(Change::Fixed), c.count(Change::New), c.removed.size(),
                     c.count(Change::StillFailing), c.count(Change::Unchanged));
}

std::vector<std::string> changeLines(const BaselineRun& baseline, const BaselineComparison& comparison, bool listAll) {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("Changes since baseline {} (run of {}): {}", baseline.file, baseline.startedAt,
                              changeCountsLine(comparison)));
  // Most urgent first: what broke, what was mended, what is new.
  for (Change kind : {Change::Regressed, Change::Fixed, Change::New}) {
    for (const auto& c : comparison.cases) {
      if (c.change != kind) continue;
      const CaseResult& r = *c.result;
      const std::string verdicts =
          c.before ? fmt::format("{} -> {}", toString(*c.before), toString(r.verdict)) : std::string(toString(r.verdict));
      std::string line = fmt::format("  {}  {}  {}", label(kind), r.info.id, verdicts);
      if (kind != Change::Fixed && !r.reason.empty()) line += "  " + reasonWithoutStep(r.reason);
      lines.push_back(std::move(line));
    }
  }
  for (const auto& [id, verdict] : comparison.removed)
    lines.push_back(fmt::format("  {}  {}  {} in the baseline, not in this run", label("removed"),
                                id, toString(verdict)));
  std::vector<const CaseResult*> still;
  for (const auto& c : comparison.cases)
    if (c.change == Change::StillFailing) still.push_back(c.result);
  if (!still.empty()) {
    if (listAll) {
      for (const auto* r : still) lines.push_back(fmt::format("  {}  {}  {}", label(Change::StillFailing), r->info.id, toString(r->verdict)));
    } else {
      lines.push_back("  " + label(Change::StillFailing) + "  " + abbreviatedIds(still));
    }
  }
  return lines;
}

}  // namespace gpc::reporters
