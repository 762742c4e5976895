#pragma once
// "requires": the target variables a case needs (docs/suite-format.md). A provider whose data
// has no patient in some state (clinical areas switched off, items awaiting filing) simply does
// not define the variable, and the cases needing it are skipped with the reason instead of
// erroring on an unknown variable.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/suite/case.h"

namespace gpc {

// True when the case's steps or variables use `name` itself or something below it
// ({patients.x.nhsNumber} or %patients.x uses patients.x). Used at load time: a requirement the
// case never uses would skip it for nothing.
bool caseUsesVariable(const Case& c, const std::string& name);

// The dotted path (patients.disabledAreas) names something in the target's tree.
bool targetDefines(const nlohmann::json& targetTree, const std::string& name);

// The target paths the case's steps and variables refer to as {name} (patients.patient9.nhsNumber),
// leaving out names a suite variable of the case answers. Body fixture files are not read.
std::vector<std::string> targetVariablesUsed(const Case& c);

// The skip reason for the first declared requirement the target does not define, else for the
// first target variable the case uses that it does not define; nullopt when all are defined.
std::optional<std::string> unmetRequirement(const Case& c, const nlohmann::json& targetTree);

}  // namespace gpc
