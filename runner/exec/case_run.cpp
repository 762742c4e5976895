#include "runner/exec/case_run.h"

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
// Only the target sections the case's FHIRPath names (Case::fhirPathEnvironment, read at load):
// the whole target file, copied for every response, was the largest cost of checking under load.
checks::FhirPathVariables fhirPathVariables(const Case& c, const ExecContext& ctx, const VariableScope& scope) {
  checks::FhirPathVariables vars;
  if (ctx.target.tree.is_object())
    for (const auto& name : c.fhirPathEnvironment)
      if (auto it = ctx.target.tree.find(name); it != ctx.target.tree.end()) vars[name] = *it;
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

CaseRun::CaseRun(const Case& c, const ExecContext& ctx) : case_(c), ctx_(ctx) {
  result_.info = c.info;
  if (!c.skip.empty()) {
    finish(Verdict::Skipped, c.skip);
    return;
  }
  // Checked before any request: the case's patient (or other data) does not exist at this target.
  if (auto unmet = unmetRequirement(c, ctx.target.tree)) {
    finish(Verdict::Skipped, *unmet);
    return;
  }
  generated_ = chooseFreshValues(c, ctx, result_);
  if (generated_.stop) {
    finish(*generated_.stop, generated_.reason);
    return;
  }
  buildNext();
}

const HttpRequest& CaseRun::request() const { return result_.exchanges.back().request; }

void CaseRun::finish(Verdict verdict, std::string reason) {
  result_.verdict = verdict;
  result_.reason = std::move(reason);
  result_.durationMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
  finished_ = true;
}

CaseResult CaseRun::take() { return std::move(result_); }

void CaseRun::buildNext() {
  if (step_ == case_.steps.size()) return finish(Verdict::Passed, "");
  const Step& step = case_.steps[step_];
  const auto prefix = stepPrefix(case_, step);
  scope_.emplace(VariableScope{&case_.variables, &captures_, &ctx_.target.tree, uuidV4(), ctx_.clock(), ctx_.seed,
                               case_.info.id});
  scope_->chosenGenerated = &generated_.values;
  BuiltRequest built;
  try {
    built = buildRequest(step, ctx_.target, *scope_, ctx_.fixturesRoot, ctx_.fhir);
  } catch (const MissingEndpoint& e) {
    return finish(Verdict::Skipped, std::string(e.what()) + " (interaction " + step.interaction.name + ")");
  } catch (const MissingTlsIdentity& e) {
    return finish(Verdict::Skipped, e.what());
  } catch (const std::exception& e) {
    return finish(Verdict::Errored, prefix + "cannot build the request: " + e.what());
  }
  result_.exchanges.push_back(exchangeFor(step, step.name, std::move(built)));
}

void CaseRun::answer(HttpResponse answered) {
  const Step& step = case_.steps[step_];
  const auto prefix = stepPrefix(case_, step);
  const VariableScope& scope = *scope_;
  result_.exchanges.back().response = std::move(answered);
  const auto& response = result_.exchanges.back().response;
  // The client never got as far as the provider (a cipher list the library refuses, a provider
  // certificate the target's CA bundle does not trust): nothing about the provider's side can
  // be judged, whatever the step expects.
  if (response.clientFailure)
    return finish(Verdict::Errored, prefix + "no exchange with the provider could be judged: " + response.transportError);
  if (response.status == 0 && !step.expect.contains("no_response") && !step.expect.contains("transport"))
    return finish(Verdict::Errored, prefix + "no HTTP response: " +
                                        (response.transportError.empty() ? "unknown transport error" : response.transportError));

  const auto view = checks::makeResponseView(result_.exchanges.back().request, response, step.interaction.fhir, ctx_.fhir);
  nlohmann::json substituted;
  try {
    if (step.expectIsTemplate) substituted = substituteJson(step.expect, makeLookup(scope), Unknown::Throw);
  } catch (const UnknownVariable& e) {
    return finish(Verdict::Errored, prefix + e.what() + " in the expectations");
  }
  const nlohmann::json& expect = step.expectIsTemplate ? substituted : step.expect;
  auto checks = checks::runExpectations(expect, view, ctx_.fhir, fhirPathVariables(case_, ctx_, scope));
  // Whatever the step expects, an answer is held to the spec's limits for its interaction.
  if (response.status != 0 && ctx_.judgeLatency) checks.push_back(checks::checkLatency(step.interaction.kind, response));
  for (const auto& cap : step.captures)
    if (auto failed = capture(cap, view, ctx_.fhir, scope, captures_)) checks.push_back(*failed);
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
  for (auto& check : checks) result_.checks.push_back(std::move(check));
  // A definite failure outranks a check that could not be made; either stops the case.
  if (!failedMessage.empty()) return finish(Verdict::Failed, prefix + failedMessage);
  if (!erroredMessage.empty()) return finish(Verdict::Errored, prefix + erroredMessage);
  ++step_;
  buildNext();
}

CaseResult executeCase(const Case& c, const ExecContext& ctx) {
  CaseRun run(c, ctx);
  while (!run.finished()) run.answer(sendRequest(run.request(), ctx.transport));
  return run.take();
}

}  // namespace gpc
