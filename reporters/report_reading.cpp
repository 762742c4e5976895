#include "reporters/report_reading.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "reporters/digest.h"

namespace gpc::reporters {

ReadReport readJsonReport(const std::filesystem::path& fileOrDir) {
  std::error_code ignored;
  const std::filesystem::path file =
      std::filesystem::is_directory(fileOrDir, ignored) ? fileOrDir / "report.json" : fileOrDir;
  ReadReport out;
  out.path = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw JsonReportError(out.path + ": cannot read: " + std::strerror(errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string text = bytes.str();
  out.sha256 = sha256Hex(text);
  try {
    out.run = runResultFromJson(text);
  } catch (const JsonReportError& e) {
    throw JsonReportError(out.path + ": " + e.what());
  }
  return out;
}

}  // namespace gpc::reporters
