#include "runner/fhir/json_depth.h"

#include <string>
#include <utility>
#include <vector>

namespace gpc::fhir {

std::string tooDeepMessage() {
  return "nests deeper than " + std::to_string(kMaxJsonDepth) +
         " levels (the harness's limit: FHIR resources nest a few dozen at most)";
}

nlohmann::json parseJsonWithinDepth(std::string_view text) {
  // The callback sees every value's depth as the parser reaches it; throwing from it stops the
  // parse there, so a bomb costs at most kMaxJsonDepth levels of work.
  const nlohmann::json::parser_callback_t guard = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > static_cast<int>(kMaxJsonDepth)) throw JsonTooDeep("JSON " + tooDeepMessage());
    return true;
  };
  return nlohmann::json::parse(text, guard);
}

bool nestsDeeperThan(const nlohmann::json& value, std::size_t limit) {
  std::vector<std::pair<const nlohmann::json*, std::size_t>> pending{{&value, 0}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    if (depth + 1 > limit) return true;
    for (const auto& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return false;
}

}  // namespace gpc::fhir
