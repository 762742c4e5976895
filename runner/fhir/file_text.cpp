#include "runner/fhir/file_text.h"

#include <fstream>
#include <sstream>

namespace gpc::fhir {

std::optional<std::string> readFileText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return text;
}

}  // namespace gpc::fhir
