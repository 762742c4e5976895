#include "report_validity.h"

#include <pugixml.hpp>

#include <fstream>
#include <sstream>

namespace gpc::testing {

namespace {

// XML 1.0 Char: tab, LF, CR and U+0020 up; the C0 controls (NUL above all) are never allowed,
// not even as character references.
std::size_t firstForbiddenXmlChar(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
  }
  const auto ref = text.find("&#x0;");
  return ref == std::string::npos ? text.find("&#0;") : ref;
}

void checkUtf8(const std::string& name, const std::string& text, std::string& problems) {
  const auto bad = firstInvalidUtf8(text);
  if (bad != std::string::npos) problems += name + ": invalid UTF-8 at byte " + std::to_string(bad) + "\n";
}

}  // namespace

std::string readWhole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t firstInvalidUtf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || (len == 2 && c < 0xC2) || i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::string::npos;
}

ReportCheck checkReports(const std::filesystem::path& dir) {
  ReportCheck check;
  std::string& problems = check.problems;

  const std::string jsonText = readWhole(dir / "report.json");
  try {
    check.json = nlohmann::json::parse(jsonText);
  } catch (const std::exception& e) {
    problems += "report.json: " + std::string(e.what()) + "\n";
  }

  const std::string junit = readWhole(dir / "junit.xml");
  checkUtf8("junit.xml", junit, problems);
  if (const auto bad = firstForbiddenXmlChar(junit); bad != std::string::npos)
    problems += "junit.xml: a character XML 1.0 forbids at byte " + std::to_string(bad) + "\n";
  pugi::xml_document doc;
  if (const auto parsed = doc.load_buffer(junit.data(), junit.size()); !parsed)
    problems += "junit.xml: " + std::string(parsed.description()) + " at byte " + std::to_string(parsed.offset) + "\n";
  else if (!doc.child("testsuites") && !doc.child("testsuite"))
    problems += "junit.xml: no testsuites element\n";

  const std::string html = readWhole(dir / "report.html");
  checkUtf8("report.html", html, problems);
  if (html.find('\0') != std::string::npos) problems += "report.html: a NUL byte\n";
  if (html.find("</html>") == std::string::npos) problems += "report.html: not written to the end\n";
  return check;
}

}  // namespace gpc::testing
