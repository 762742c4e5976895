#pragma once
// The `identifier=[system]|[value]` search parameter shared by Patient, Practitioner and
// Organization search: exactly one, lower-case name, a system, the expected system, a value.

#include <string>
#include <string_view>
#include <variant>

#include "provider/core/message.h"
#include "provider/core/rejection.h"

namespace gpc::provider::foundations {

// The identifier value, or the rejection naming what is wrong with the parameter.
std::variant<std::string, core::Rejection> identifierSearchValue(const core::Request& request,
                                                                 std::string_view expectedSystem);

}  // namespace gpc::provider::foundations
