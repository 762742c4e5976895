#include "runner/checks/latency_check.h"

#include <cstdio>

#include <fmt/format.h>

#include "runner/checks/check_result.h"
#include "runner/checks/expectation_kinds.h"
#include "runner/core/json_input.h"
#include "runner/core/load_error.h"

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

CheckResult checkTimeLimit(double limitMs, const HttpResponse& response) {
  const double took = response.elapsedMs;
  const bool ok = response.status != 0 && took <= limitMs;
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "response took %.1f ms (limit %.0f ms)", took, limitMs);
  return makeResult("max_ms", "response time", ok, buffer, "<= " + std::to_string(long(limitMs)) + " ms",
                    std::to_string(long(took)) + " ms");
}

void validateMaxMsSpec(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
  json_input::expect(v, json_input::Kind::Number, file, ptr);
  if (v.get<double>() <= 0) throw LoadError(file, ptr, "expected a positive number of milliseconds");
}

std::vector<CheckResult> checkMaxMs(const nlohmann::json& spec, const CheckContext& context) {
  return {checkTimeLimit(spec.get<double>(), *context.response.response)};
}

}  // namespace gpc::checks
