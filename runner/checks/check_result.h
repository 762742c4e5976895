#pragma once
// Building a CheckResult in one expression (internal to the checks).

#include <string>

#include "runner/core/model.h"

namespace gpc::checks {

inline CheckResult makeResult(std::string kind, std::string subject, bool passed, std::string message,
                              std::string expected = "", std::string actual = "") {
  CheckResult c;
  c.kind = std::move(kind);
  c.subject = std::move(subject);
  c.passed = passed;
  c.message = std::move(message);
  c.expected = std::move(expected);
  c.actual = std::move(actual);
  return c;
}

inline CheckResult makeErrored(std::string kind, std::string subject, std::string message) {
  auto c = makeResult(std::move(kind), std::move(subject), false, "errored: " + message);
  c.errored = true;
  return c;
}

}  // namespace gpc::checks
