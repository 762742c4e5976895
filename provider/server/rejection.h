#pragma once
// A request rule that failed: the Spine code to answer with and the diagnostics that name
// the header, claim or parameter at fault.

#include <optional>
#include <string>

namespace gpc::provider::server {

struct Rejection {
  std::string code;         // Spine code, e.g. "BAD_REQUEST"
  std::string diagnostics;
};

using Check = std::optional<Rejection>;

}  // namespace gpc::provider::server
