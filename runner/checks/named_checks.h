#pragma once
// Checks with a name, usable from suites as `"checks": ["bundle-id-is-trace-id"]`: each is one
// function over the response (and its request) reused from data.

#include <string>
#include <string_view>
#include <vector>

#include "runner/checks/response_view.h"
#include "runner/core/model.h"

namespace gpc::checks {

const std::vector<std::string>& namedCheckNames();
bool isNamedCheck(std::string_view name);

// Runs one named check; an unknown name gives a failed CheckResult saying so.
CheckResult runNamedCheck(std::string_view name, const nlohmann::json& args, const ResponseView& response);

}  // namespace gpc::checks
