#pragma once
// SHA-256 for the tamper evidence of reports (docs/reports.md#tamper-evidence).

#include <string>
#include <string_view>

namespace gpc::reporters {

// Lower-case hex SHA-256 of `bytes`, the same text `sha256sum` prints.
std::string sha256Hex(std::string_view bytes);

}  // namespace gpc::reporters
