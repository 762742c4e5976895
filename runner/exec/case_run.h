#pragma once
// One case run step by step. The executor's loop as a state machine: build a step's request,
// hand it out, take its response, check it, capture, build the next. A blocking run
// (executeCase) and the load driver (runner/load/), which keeps hundreds of cases in flight on
// one thread, judge every response with this same code, so a load run holds providers to
// exactly the expectations the suites state.

#include <chrono>
#include <map>
#include <optional>

#include "runner/core/model.h"
#include "runner/exec/case_executor.h"
#include "runner/exec/fresh_values.h"
#include "runner/request/request_builder.h"
#include "runner/suite/case.h"

namespace gpc {

class CaseRun {
 public:
  // Settles what comes before the first request: a skipped case, a target lacking the case's
  // data, and the generated values the provider must not hold (their probes are sent blocking
  // through context.transport). `c` and `context` must outlive the run. Never throws for what a
  // suite, target or provider does.
  CaseRun(const Case& c, const ExecContext& context);
  CaseRun(const CaseRun&) = delete;
  CaseRun& operator=(const CaseRun&) = delete;

  bool finished() const { return finished_; }
  // The request of the step waiting for its response (valid while !finished()), and its step.
  const HttpRequest& request() const;
  const Step& step() const { return case_.steps[step_]; }
  // Its evidence so far: the request as built, with the JWT claims sent.
  const Exchange& exchange() const { return result_.exchanges.back(); }
  // The waiting step's response: checks it, runs its captures and builds the next step's request,
  // or finishes the case.
  void answer(HttpResponse response);
  // The verdict and evidence; call once, after finished().
  CaseResult take();

 private:
  void buildNext();
  void finish(Verdict verdict, std::string reason);

  const Case& case_;
  const ExecContext& ctx_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  CaseResult result_;
  ChosenValues generated_;
  std::map<std::string, nlohmann::json> captures_;
  std::size_t step_ = 0;
  std::optional<VariableScope> scope_;  // the waiting step's: its trace id and time
  bool finished_ = false;
};

}  // namespace gpc
