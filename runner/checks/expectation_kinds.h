#pragma once
// The one table of expectation kinds: every key a step's `expect` may hold, with its load-time
// shape check and its checks of a response. The suite loader (validateExpect) and
// runExpectations both read it, so a kind is known to both or to neither, and the row order is
// the order a step's checks run and are reported in.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/checks/expectations.h"

namespace gpc::checks {

// A kind's shape: throws LoadError naming `file` and `pointer` (where the value stands) unless
// the value is one the kind's check can run on.
using ExpectationShape = void(const nlohmann::json& value, const std::string& file, const std::string& pointer);
// A kind's checks of one response; the value is validated and its variables substituted.
using ExpectationCheck = std::vector<CheckResult>(const nlohmann::json& value, const CheckContext& context);

struct ExpectationKind {
  std::string_view key;
  ExpectationShape* validate;
  ExpectationCheck* run;
};

// In run order.
std::span<const ExpectationKind> expectationKinds();
// The keys of expectationKinds(), in the same order (what checkKeys allows).
std::vector<std::string> expectationKeys();

}  // namespace gpc::checks
