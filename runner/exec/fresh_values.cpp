#include "runner/exec/fresh_values.h"

#include <random>

#include "runner/checks/check_result.h"
#include "runner/checks/expectations.h"
#include "runner/checks/latency_check.h"
#include "runner/exec/send_step.h"
#include "runner/request/encoding.h"
#include "runner/request/generated.h"
#include "runner/request/request_builder.h"

namespace gpc {
namespace {

// What one probe said about one candidate.
enum class Answer { Unused, Held, Stop };

struct Probe {
  const Case& c;
  const FreshValue& fresh;
  const ExecContext& ctx;
  CaseResult& evidence;
  ChosenValues& chosen;

  std::string subject() const { return "{" + fresh.variable + "}"; }

  Answer stop(Verdict verdict, std::string reason) {
    chosen.stop = verdict;
    chosen.reason = std::move(reason);
    return Answer::Stop;
  }

  // The first check that did not pass, or null.
  static const CheckResult* firstNotPassed(const std::vector<CheckResult>& checks) {
    for (const auto& check : checks)
      if (!check.passed) return &check;
    return nullptr;
  }

  Answer ask(const std::string& candidate) {
    auto variables = c.variables;
    variables["candidate"] = candidate;
    VariableScope scope{&variables, nullptr, &ctx.target.tree, uuidV4(), ctx.clock(), ctx.seed, c.info.id};
    scope.chosenGenerated = &chosen.values;
    const std::string about = "asking whether the provider holds " + subject() + " " + candidate;
    BuiltRequest built;
    nlohmann::json believedWhen, heldWhen;
    try {
      built = buildRequest(fresh.probe, ctx.target, scope, ctx.fixturesRoot, ctx.fhir);
      believedWhen = substituteJson(fresh.probe.expect, makeLookup(scope), Unknown::Throw);
      heldWhen = substituteJson(fresh.heldWhen, makeLookup(scope), Unknown::Throw);
    } catch (const MissingEndpoint& e) {
      return stop(Verdict::Skipped, std::string(e.what()) + " (interaction " + fresh.probe.interaction.name + ", " + about + ")");
    } catch (const std::exception& e) {
      return stop(Verdict::Errored, about + ": cannot build the request: " + e.what());
    }
    evidence.exchanges.push_back(sendStep(fresh.probe, fresh.probe.name, built, ctx.transport));
    const Exchange& exchange = evidence.exchanges.back();
    if (exchange.response.status == 0)
      return stop(Verdict::Errored, about + ": no HTTP response: " + exchange.response.transportError);
    const auto view = checks::makeResponseView(exchange.request, exchange.response, fresh.probe.interaction.fhir, ctx.fhir);
    const checks::FhirPathVariables vars{{"candidate", candidate}, {"trace_id", scope.traceId}};
    auto believed = checks::runExpectations(believedWhen, view, ctx.fhir, vars);
    const CheckResult* unbelievable = firstNotPassed(believed);
    const std::string unbelievableMessage = unbelievable ? unbelievable->message : "";
    // The probe is an exchange like any other: held to its interaction's latency budget.
    believed.push_back(checks::checkLatency(fresh.probe.interaction.kind, exchange.response));
    const std::string tooSlow = believed.back().passed ? "" : believed.back().message;
    for (auto& check : believed) {
      check.step = fresh.probe.name;
      evidence.checks.push_back(std::move(check));
    }
    if (!tooSlow.empty()) return stop(Verdict::Failed, about + ": " + tooSlow);
    // The case is not about the search, so a search answered wrongly leaves it unjudged.
    if (!unbelievableMessage.empty()) return stop(Verdict::Errored, about + ": the answer cannot be relied on: " + unbelievableMessage);
    const auto held = checks::runExpectations(heldWhen, view, ctx.fhir, vars);
    for (const auto& check : held)
      if (check.errored) return stop(Verdict::Errored, about + ": " + check.message);
    return firstNotPassed(held) ? Answer::Unused : Answer::Held;
  }

  void choose() {
    std::string passedOver;
    std::optional<std::uint64_t> unseeded;
    for (unsigned k = 0; k < kMaxFreshCandidates; ++k) {
      if (k == kSeededCandidates) {
        std::random_device device;
        unseeded = (std::uint64_t{device()} << 32) | device();
      }
      const std::string candidate = *generatedValue(fresh.variable, unseeded.value_or(ctx.seed), c.info.id, k);
      const auto note = [&](const std::string& why) { passedOver += (passedOver.empty() ? "" : ", ") + candidate + " " + why; };
      bool mine = true;
      for (const auto& [_, value] : chosen.values) mine = mine && value != candidate;
      if (!mine || (ctx.claimed && !ctx.claimed->claim(candidate))) {
        note("(taken by another case of this run)");
        continue;
      }
      switch (ask(candidate)) {
        case Answer::Stop:
          return;
        case Answer::Held:
          note("(held by the provider)");
          continue;
        case Answer::Unused:
          chosen.values[fresh.variable] = candidate;
          auto check = checks::makeResult("generated", subject(), true,
                                          candidate + " is not held by the provider" +
                                              (unseeded ? " (drawn without the run's seed, its " +
                                                              std::to_string(kSeededCandidates) + " being held)"
                                                        : "") +
                                              (passedOver.empty() ? "" : "; passed over " + passedOver));
          check.actual = candidate;
          check.step = fresh.probe.name;
          evidence.checks.push_back(std::move(check));
          return;
      }
    }
    stop(Verdict::Errored, "no candidate for " + subject() + " in " + std::to_string(kMaxFreshCandidates) +
                               " is unused at the provider: " + passedOver);
  }
};

}  // namespace

ChosenValues chooseFreshValues(const Case& c, const ExecContext& context, CaseResult& evidence) {
  ChosenValues chosen;
  for (const auto& fresh : c.freshValues) {
    Probe{c, fresh, context, evidence, chosen}.choose();
    if (chosen.stop) break;
  }
  return chosen;
}

}  // namespace gpc
