#pragma once
// Just enough URL handling for endpoints: split off scheme://authority from the path.

#include <optional>
#include <string>
#include <string_view>

namespace gpc {

struct UrlParts {
  std::string origin;  // "https://host:port"
  std::string rest;    // "/B82617/STU3/1/gpconnect" (path, query), may be empty
};

// nullopt unless the text is scheme://host[...].
std::optional<UrlParts> splitUrl(std::string_view url);

}  // namespace gpc
