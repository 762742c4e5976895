#include "runner/target/endpoint_groups.h"

#include <algorithm>

#include "runner/core/json_input.h"

namespace gpc {

namespace ji = json_input;

namespace {

void checkGroup(const std::string& group, const std::vector<std::string>& groups, const std::string& file,
                const std::string& section) {
  if (std::find(groups.begin(), groups.end(), group) != groups.end()) return;
  std::string reason = "unknown endpoint group \"" + group + "\"";
  if (auto hint = ji::closest(group, groups); !hint.empty()) reason += " (did you mean \"" + hint + "\"?)";
  throw LoadError(file, ji::child(section, group), reason + "; the suites know " + ji::oneOf(groups));
}

}  // namespace

void checkEndpointGroups(const Target& target, const std::vector<std::string>& groups) {
  for (const auto& [group, _] : target.endpoints) checkGroup(group, groups, target.file, "/endpoints");
  for (const auto& [group, _] : target.jwtAud) checkGroup(group, groups, target.file, "/jwt/aud");
}

}  // namespace gpc
