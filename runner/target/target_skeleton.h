#pragma once
// `target init`'s skeleton (docs/cli.md): a target file with `_` comments and `<...>`
// placeholders for what only the supplier knows, and the test data pack's names and numbers
// taken from the data pack's own target file, so the two cannot drift apart.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace gpc {

// The skeleton, built from the data pack's target (fixtures/targets/reference.json): its
// patients, organisations, practitioners and locations without their provider-specific logical
// ids; everything else a placeholder or a default.
nlohmann::ordered_json targetSkeleton(const nlohmann::json& dataPackTarget);

struct Placeholder {
  std::string pointer;  // JSON pointer of the value
  std::string text;     // the value, e.g. "https://<provider host>/..."
};

// The first string value (outside `_` comments) still holding a `<...>` placeholder.
std::optional<Placeholder> firstPlaceholder(const nlohmann::json& document);

}  // namespace gpc
