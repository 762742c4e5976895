#include "reporters/latency_lines.h"

#include <algorithm>

#include <fmt/format.h>

#include "runner/latency/run_latency.h"

namespace gpc::reporters {

std::vector<std::string> latencyLines(const RunResult& result) {
  const auto rows = latency::summariseLatency(result.cases);
  if (rows.empty()) return {};
  std::size_t width = 11;
  for (const auto& row : rows) width = std::max(width, row.interaction.size());
  std::vector<std::string> lines;
  lines.push_back(fmt::format("{:<{}}  {:>7}  {:>7}  {:>9}  {:>9}  {:>9}  {:>11}  {:>10}", "interaction", width, "kind",
                              "answers", "p50 ms", "p95 ms", "max ms", "over SHOULD", "over SHALL"));
  for (const auto& row : rows)
    lines.push_back(fmt::format("{:<{}}  {:>7}  {:>7}  {:>9.1f}  {:>9.1f}  {:>9.1f}  {:>11}  {:>10}", row.interaction, width,
                                latency::toString(row.kind), row.count, row.p50Ms, row.p95Ms, row.maxMs, row.overShould,
                                row.overShall));
  const auto warnings = latency::countWarnings(result.cases);
  lines.push_back(fmt::format("limits: command SHALL < 250 ms, SHOULD < 100 ms; query SHALL < 3000 ms, SHOULD < 1000 ms; "
                              "{} warning{} (over SHOULD)",
                              warnings, warnings == 1 ? "" : "s"));
  return lines;
}

bool hasWarning(const CaseResult& result) {
  return std::any_of(result.checks.begin(), result.checks.end(), [](const CheckResult& c) { return c.warning; });
}

std::string warningText(const CaseResult& result) {
  std::string text;
  for (const auto& c : result.checks)
    if (c.warning) text += "WARNING " + c.kind + " " + c.subject + ": " + c.message + "\n";
  return text;
}

}  // namespace gpc::reporters
