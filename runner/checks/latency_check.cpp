#include "runner/checks/latency_check.h"

#include <fmt/format.h>

#include "runner/checks/check_result.h"

namespace gpc::checks {

CheckResult checkLatency(latency::InteractionKind kind, const HttpResponse& response) {
  const auto budget = latency::budgetFor(kind);
  const double ms = response.providerMs;
  const auto standing = latency::judge(budget, ms);
  const std::string kindName = latency::toString(kind);
  const std::string expected = fmt::format("< {:.0f} ms (SHALL), < {:.0f} ms (SHOULD)", budget.shallMs, budget.shouldMs);
  const std::string actual = fmt::format("{:.1f} ms", ms);
  std::string message;
  switch (standing) {
    case latency::Standing::Within:
      message = fmt::format("answered in {:.1f} ms, within the {} limits", ms, kindName);
      break;
    case latency::Standing::OverShould:
      message = fmt::format("answered in {:.1f} ms: over the {} SHOULD limit of {:.0f} ms", ms, kindName, budget.shouldMs);
      break;
    case latency::Standing::OverShall:
      message = fmt::format("answered in {:.1f} ms: over the {} SHALL limit of {:.0f} ms", ms, kindName, budget.shallMs);
      break;
  }
  auto result = makeResult("latency", "response time (" + kindName + ")", standing != latency::Standing::OverShall,
                           std::move(message), expected, actual);
  result.warning = standing == latency::Standing::OverShould;
  return result;
}

}  // namespace gpc::checks
