#include "provider/capabilities/foundations/identifier_search.h"

namespace gpc::provider::foundations {

std::variant<std::string, server::Rejection> identifierSearchValue(const server::Request& request,
                                                                 std::string_view expectedSystem) {
  const auto values = request.queryValues("identifier");
  if (values.empty()) {
    for (const auto& [name, value] : request.query)
      if (server::iequals(name, "identifier"))
        return server::Rejection{"BAD_REQUEST", "search parameter '" + name + "' must be spelled 'identifier'"};
    return server::Rejection{"BAD_REQUEST", "the identifier search parameter is required"};
  }
  if (values.size() > 1) return server::Rejection{"BAD_REQUEST", "the identifier search parameter is repeated"};
  const std::string& v = values.front();
  const auto bar = v.find('|');
  if (bar == std::string::npos || bar == 0)
    return server::Rejection{"INVALID_IDENTIFIER_SYSTEM",
                           "identifier '" + v + "' has no system; expected " + std::string(expectedSystem) + "|[value]"};
  const std::string system = v.substr(0, bar);
  if (system != expectedSystem)
    return server::Rejection{"INVALID_IDENTIFIER_SYSTEM",
                           "identifier system '" + system + "' is not supported; expected " + std::string(expectedSystem)};
  const std::string value = v.substr(bar + 1);
  if (value.empty()) return server::Rejection{"INVALID_IDENTIFIER_VALUE", "identifier has no value after '|'"};
  return value;
}

}  // namespace gpc::provider::foundations
