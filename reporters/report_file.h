#pragma once
// Writing a report file so that it is either the complete new report or untouched.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gpc::reporters {

// Writes `content` to a temporary file in path's directory (created if missing), flushes
// it and renames it over `path`. Throws ReportWriteError naming `kind` ("JUnit report"),
// the path and the OS reason; the temporary file is removed on failure.
void writeReportFile(const std::filesystem::path& path, std::string_view content, std::string_view kind);

// Writes `<path>.sha256` in `sha256sum -c` format ("<hex>  <file name>\n") for the
// digest of `content`, so a reviewer can check the report with standard tools.
void writeDigestFile(const std::filesystem::path& path, std::string_view content, std::string_view kind);

// The same when the SHA-256 hex of the content is already known.
void writeDigestLine(const std::filesystem::path& path, std::string_view sha256, std::string_view kind);

// `<path>.sha256`, the file the two functions above write.
std::filesystem::path digestFilePath(const std::filesystem::path& path);

// `path` and its digest file: what a report with a digest writes (the signed manifest lists both).
std::vector<std::filesystem::path> reportWithDigest(const std::filesystem::path& path);

}  // namespace gpc::reporters
