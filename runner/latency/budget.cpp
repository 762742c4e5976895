#include "runner/latency/budget.h"

namespace gpc::latency {

Budget budgetFor(InteractionKind kind) {
  return kind == InteractionKind::Command ? Budget{250, 100} : Budget{3000, 1000};
}

std::string toString(InteractionKind kind) { return kind == InteractionKind::Command ? "command" : "query"; }

std::optional<InteractionKind> parseKind(std::string_view text) {
  if (text == "query") return InteractionKind::Query;
  if (text == "command") return InteractionKind::Command;
  return std::nullopt;
}

// "Under 250 ms": 250 ms itself is over the limit.
Standing judge(const Budget& budget, double ms) {
  if (ms >= budget.shallMs) return Standing::OverShall;
  if (ms >= budget.shouldMs) return Standing::OverShould;
  return Standing::Within;
}

}  // namespace gpc::latency
