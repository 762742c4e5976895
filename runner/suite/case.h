#pragma once
// An expanded, validated case: what `list` prints and what the executor runs.
// Requests and expectations stay as the (validated) JSON of the suite so that the
// request builder and the checks read exactly what the suite writer wrote.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/core/model.h"
#include "runner/suite/interactions.h"

namespace gpc {

struct Capture {
  std::string variable;  // used later as {capture.<variable>}
  std::string pointer;   // JSON pointer into the step's response body, or
  std::string fhirpath;  // a FHIRPath expression (first result)
};

struct Step {
  std::string name;         // "main" for a single-step case
  Interaction interaction;  // resolved from the table
  nlohmann::json request = nlohmann::json::object();  // docs/suite-format.md "Request", defaults merged
  nlohmann::json expect = nlohmann::json::object();   // docs/suite-format.md "Expect", defaults merged
  bool expectIsTemplate = true;  // false when `expect` holds no {name}: used as is, not copied per answer
  std::vector<Capture> captures;
  std::string pointer;      // JSON pointer of the step in its suite file, for run-time errors
};

// A generated value the case uses that must not already be held by the provider (the suite's
// "generated" section, docs/suite-format.md "Values the provider must not hold"): before the
// first step, candidates are probed with `probe` (whose request names the candidate
// {candidate}) until `heldWhen` no longer holds for the probe's response.
struct FreshValue {
  std::string variable;      // "generated.nhs_number" or "generated.nhs_number.LABEL"
  Step probe;                // its expect: what the probe answer must satisfy to be believed
  nlohmann::json heldWhen;   // an expect object: every check passing means "held, try the next"
};

struct Case {
  CaseInfo info;
  std::vector<Step> steps;
  // Suite variables; example columns were substituted when the case was expanded.
  std::map<std::string, nlohmann::json> variables;
  std::string skip;  // non-empty: reported as skipped with this reason
  // Target variables (patients.disabledAreas) the case cannot run without: a target that does
  // not define one gets the case reported as skipped, naming it (runner/suite/target_requirements.h).
  std::vector<std::string> requiredVariables;
  std::string pointer;  // JSON pointer of the case in its suite file
  std::vector<FreshValue> freshValues;
  // The %names the case's FHIRPath can read (every step's expect and captures, the case's
  // variables, as written): only these target sections are handed to the evaluator, so a
  // response is not checked with a copy of the whole target file. Set by the suite loader.
  std::set<std::string> fhirPathEnvironment;
};

}  // namespace gpc
