#include "runner/exec/case_executor.h"

#include "runner/checks/check_result.h"
#include "runner/checks/expectations.h"
#include "runner/checks/latency_check.h"
#include "runner/exec/fresh_values.h"
#include "runner/exec/send_step.h"
#include "runner/request/encoding.h"
#include "runner/request/request_builder.h"
#include "runner/suite/target_requirements.h"

namespace gpc {
namespace {

using Captures = std::map<std::string, nlohmann::json>;

// %variables for FHIRPath: the target file's sections (%patients.patient2.nhsNumber), the suite's
// variables and the request's trace id.
checks::FhirPathVariables fhirPathVariables(const Case& c, const ExecContext& ctx, const VariableScope& scope) {
  checks::FhirPathVariables vars;
  if (ctx.target.tree.is_object())
    for (const auto& [k, v] : ctx.target.tree.items()) vars[k] = v;
  for (const auto& [k, v] : c.variables) {
    auto value = resolveVariable(scope, k);
    vars[k] = value ? *value : v;
  }
  vars["trace_id"] = scope.traceId;
  return vars;
}

std::optional<CheckResult> capture(const Capture& written, const checks::ResponseView& view, const FhirServices& fhir,
                                   const VariableScope& scope, Captures& captures) {
  const std::string subject = "{capture." + written.variable + "}";
  Capture cap = written;
  try {
    // {variables} inside the pointer or expression, like every other string of the step.
    cap.pointer = substitute(written.pointer, makeLookup(scope), Unknown::Throw);
    cap.fhirpath = substitute(written.fhirpath, makeLookup(scope), Unknown::Throw);
  } catch (const UnknownVariable& e) {
    return checks::makeErrored("capture", subject, std::string(e.what()) + " in the capture");
  }
  if (!view.resource() && !view.body.is_array())
    return checks::makeResult("capture", subject, false,
                              "cannot capture " + subject + ": " + (view.parseError.empty() ? "no JSON body" : view.parseError));
  if (!cap.pointer.empty()) {
    std::optional<nlohmann::json::json_pointer> parsed;
    try {
      parsed.emplace(cap.pointer);
    } catch (const nlohmann::json::exception&) {
      return checks::makeErrored("capture", subject, "invalid JSON pointer \"" + cap.pointer + "\" after substitution");
    }
    const auto& jp = *parsed;
    if (!view.body.contains(jp))
      return checks::makeResult("capture", subject, false, "capture " + subject + ": nothing at " + cap.pointer, cap.pointer,
                                "(nothing)");
    captures[cap.variable] = view.body.at(jp);
    return std::nullopt;
  }
  if (!fhir.available()) return checks::makeErrored("capture", subject, "FHIR engine not available");
  try {
    auto values = fhir.evaluateFhirPath(cap.fhirpath, view.body, {});
    if (values.empty())
      return checks::makeResult("capture", subject, false, "capture " + subject + ": " + cap.fhirpath + " found nothing",
                                cap.fhirpath, "(nothing)");
    captures[cap.variable] = values.front();
  } catch (const std::exception& e) {
    return checks::makeErrored("capture", subject, std::string("FHIRPath: ") + e.what());
  }
  return std::nullopt;
}

std::string stepPrefix(const Case& c, const Step& step) {
  return c.steps.size() > 1 ? "step \"" + step.name + "\": " : "";
}

}  // namespace

CaseResult executeCase(const Case& c, const ExecContext& ctx) {
  const auto started = std::chrono::steady_clock::now();
  CaseResult result;
  result.info = c.info;
  auto finish = [&](Verdict v, std::string reason) {
    result.verdict = v;
    result.reason = std::move(reason);
    result.durationMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
  };
  if (!c.skip.empty()) return finish(Verdict::Skipped, c.skip);
  // Checked before any request: the case's patient (or other data) does not exist at this target.
  if (auto unmet = unmetRequirement(c, ctx.target.tree)) return finish(Verdict::Skipped, *unmet);

  const ChosenValues generated = chooseFreshValues(c, ctx, result);
  if (generated.stop) return finish(*generated.stop, generated.reason);

  Captures captures;
  for (const auto& step : c.steps) {
    const auto prefix = stepPrefix(c, step);
    VariableScope scope{&c.variables, &captures, &ctx.target.tree, uuidV4(), ctx.clock(), ctx.seed, c.info.id};
    scope.chosenGenerated = &generated.values;
    BuiltRequest built;
    try {
      built = buildRequest(step, ctx.target, scope, ctx.fixturesRoot, ctx.fhir);
    } catch (const MissingEndpoint& e) {
      return finish(Verdict::Skipped, std::string(e.what()) + " (interaction " + step.interaction.name + ")");
    } catch (const MissingTlsIdentity& e) {
      return finish(Verdict::Skipped, e.what());
    } catch (const std::exception& e) {
      return finish(Verdict::Errored, prefix + "cannot build the request: " + e.what());
    }

    result.exchanges.push_back(sendStep(step, step.name, built, ctx.transport));
    const auto& response = result.exchanges.back().response;
    // The client never got as far as the provider (a cipher list the library refuses, a provider
    // certificate the target's CA bundle does not trust): nothing about the provider's side can
    // be judged, whatever the step expects.
    if (response.clientFailure)
      return finish(Verdict::Errored, prefix + "no exchange with the provider could be judged: " + response.transportError);
    if (response.status == 0 && !step.expect.contains("no_response") && !step.expect.contains("transport"))
      return finish(Verdict::Errored, prefix + "no HTTP response: " +
                                          (response.transportError.empty() ? "unknown transport error" : response.transportError));

    const auto view = checks::makeResponseView(result.exchanges.back().request, response, step.interaction.fhir, ctx.fhir);
    nlohmann::json expect;
    try {
      expect = substituteJson(step.expect, makeLookup(scope), Unknown::Throw);
    } catch (const UnknownVariable& e) {
      return finish(Verdict::Errored, prefix + e.what() + " in the expectations");
    }
    auto checks = checks::runExpectations(expect, view, ctx.fhir, fhirPathVariables(c, ctx, scope));
    // Whatever the step expects, an answer is held to the spec's limits for its interaction.
    if (response.status != 0) checks.push_back(checks::checkLatency(step.interaction.kind, response));
    for (const auto& cap : step.captures)
      if (auto failed = capture(cap, view, ctx.fhir, scope, captures)) checks.push_back(*failed);
    for (auto& check : checks) check.step = step.name;

    const CheckResult* firstFailed = nullptr;
    const CheckResult* firstErrored = nullptr;
    for (const auto& check : checks) {
      if (check.passed) continue;
      if (check.errored && !firstErrored) firstErrored = &check;
      if (!check.errored && !firstFailed) firstFailed = &check;
    }
    std::string failedMessage = firstFailed ? firstFailed->message : "";
    std::string erroredMessage = firstErrored ? firstErrored->message : "";
    for (auto& check : checks) result.checks.push_back(std::move(check));
    // A definite failure outranks a check that could not be made; either stops the case.
    if (!failedMessage.empty()) return finish(Verdict::Failed, prefix + failedMessage);
    if (!erroredMessage.empty()) return finish(Verdict::Errored, prefix + erroredMessage);
  }
  return finish(Verdict::Passed, "");
}

}  // namespace gpc
