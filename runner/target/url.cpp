#include "runner/target/url.h"

namespace gpc {

std::optional<UrlParts> splitUrl(std::string_view url) {
  auto schemeEnd = url.find("://");
  if (schemeEnd == std::string_view::npos || schemeEnd == 0) return std::nullopt;
  for (char c : url.substr(0, schemeEnd))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return std::nullopt;
  auto hostStart = schemeEnd + 3;
  auto pathStart = url.find_first_of("/?#", hostStart);
  if (pathStart == std::string_view::npos) pathStart = url.size();
  if (pathStart == hostStart) return std::nullopt;
  return UrlParts{std::string(url.substr(0, pathStart)), std::string(url.substr(pathStart))};
}

}  // namespace gpc
