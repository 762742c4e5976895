#pragma once
// Run-time values of `{name}`: captures, suite variables, built-ins (generated values among
// them, runner/request/generated.h), then the target file as a tree. (Example columns were
// substituted when the case was expanded.)

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "runner/suite/template.h"

namespace gpc {

struct VariableScope {
  const std::map<std::string, nlohmann::json>* suiteVariables = nullptr;
  const std::map<std::string, nlohmann::json>* captures = nullptr;  // without the "capture." prefix
  const nlohmann::json* targetTree = nullptr;
  std::string traceId;  // the current request's Ssp-TraceID
  std::chrono::system_clock::time_point now;
  // {generated.*} values are a function of the run's seed and the case id: the same within a
  // case (request body and expectations agree), different between cases and between seeds.
  std::uint64_t seed = 0;
  std::string caseId{};  // NSDMI: older aggregate initialisers of the scope stay warning-free
  // Generated values already chosen for this case (the ones the provider must not hold,
  // runner/exec/fresh_values.h); they take the place of the seed's first candidate.
  const std::map<std::string, std::string>* chosenGenerated = nullptr;
};

std::optional<nlohmann::json> resolveVariable(const VariableScope& scope, const std::string& name);
VariableLookup makeLookup(const VariableScope& scope);

// yyyy-mm-dd of `now` (UTC) moved by an offset like "+3d", "-2y", "+1m" ("" for none).
std::string dateWithOffset(std::chrono::system_clock::time_point now, std::string_view offset);

}  // namespace gpc
