#pragma once
// Whether a run's report files are still well formed after a hostile provider: report.json
// parses as strict UTF-8 JSON, junit.xml is XML 1.0 (only allowed characters, valid UTF-8,
// parses), report.html is valid UTF-8 and complete.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace gpc::testing {

struct ReportCheck {
  nlohmann::json json;   // report.json, when it parsed
  std::string problems;  // empty when all three files are valid; else one line per problem
};

ReportCheck checkReports(const std::filesystem::path& dir);

// A file's bytes, whole (empty when it cannot be read).
std::string readWhole(const std::filesystem::path& file);

// The offset of the first byte that is not valid UTF-8, or npos.
std::size_t firstInvalidUtf8(const std::string& text);

}  // namespace gpc::testing
