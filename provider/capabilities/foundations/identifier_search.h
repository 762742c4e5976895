#pragma once
// The `identifier=[system]|[value]` search parameter shared by Patient, Practitioner and
// Organization search: exactly one, lower-case name, a system, the expected system, a value.

#include <string>
#include <string_view>
#include <variant>

#include "provider/server/message.h"
#include "provider/server/rejection.h"

namespace gpc::provider::foundations {

// The identifier value, or the rejection naming what is wrong with the parameter.
std::variant<std::string, server::Rejection> identifierSearchValue(const server::Request& request,
                                                                 std::string_view expectedSystem);

}  // namespace gpc::provider::foundations
