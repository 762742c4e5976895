#include "reporters/waiver_text.h"

#include <fmt/format.h>

namespace gpc::reporters {

std::string waiverSummary(const AppliedWaiver& applied) {
  const Waiver& w = applied.waiver;
  if (applied.expired)
    return fmt::format("waiver {} expired on {} (approved by {}): {}", w.reference, w.expires, w.approvedBy, w.reason);
  return fmt::format("waived by {} until {} (approved by {}): {}", w.reference, w.expires, w.approvedBy, w.reason);
}

std::vector<std::string> waivedRecapLines(const std::vector<CaseResult>& cases) {
  std::vector<std::string> lines;
  for (const auto& c : cases) {
    if (c.verdict != Verdict::Waived || !c.waiver) continue;
    lines.push_back(fmt::format("  {}  {}, {}", c.info.id, toString(c.waiver->original), waiverSummary(*c.waiver)));
  }
  if (lines.empty()) return lines;
  lines.insert(lines.begin(), fmt::format("Waived failures: {} case{}", lines.size(), lines.size() == 1 ? "" : "s"));
  return lines;
}

}  // namespace gpc::reporters
