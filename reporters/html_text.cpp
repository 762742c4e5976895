#include "reporters/html_text.h"

#include <algorithm>
#include <regex>

#include "reporters/text_safety.h"

namespace gpc::reporters {
namespace {

// The specification site per major.minor: 1.6.x pages live under gpconnect-1-6-0, the
// 0.7.x Access Record: HTML pages under gpconnect-0-7-4.
std::string specBase(const std::string& specVersion) {
  if (specVersion.rfind("0.7", 0) == 0) return "https://developer.nhs.uk/apis/gpconnect-0-7-4/";
  return "https://developer.nhs.uk/apis/gpconnect-1-6-0/";
}

}  // namespace

std::string requirementLinks(const std::string& requirement, const std::string& specVersion) {
  // A page id: lower-case words joined by underscores, optionally after its folder, then an
  // optional #section; only at the start of a "; "-separated part.
  static const std::regex kPage(R"(^(?:[a-z_]+/)?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(#[a-z0-9-]+)?)");
  std::string out;
  std::size_t start = 0;
  while (start <= requirement.size()) {
    const std::size_t end = std::min(requirement.find("; ", start), requirement.size());
    const std::string part = requirement.substr(start, end - start);
    std::smatch m;
    if (std::regex_search(part, m, kPage)) {
      const std::string url = specBase(specVersion) + m[1].str() + ".html" + m[2].str();
      out += "<a href=\"" + htmlEscape(url) + "\" rel=\"noreferrer\">" + htmlEscape(m[0].str()) + "</a>" +
             htmlEscape(part.substr(m[0].length()));
    } else {
      out += htmlEscape(part);
    }
    if (end == requirement.size()) break;
    out += "; ";
    start = end + 2;
  }
  return out;
}

std::vector<std::string> failingElementNames(const std::vector<CheckResult>& checks, const std::string& step) {
  static const std::regex kLastName(R"(([A-Za-z][A-Za-z0-9]*)(?:\[[^\]]*\])?\s*$)");
  static const std::regex kPathStep(R"((?:^|\.)([a-z][A-Za-z0-9]*))");
  std::vector<std::string> names;
  for (const auto& c : checks) {
    if (c.passed || c.step != step || c.subject.empty()) continue;
    if (c.kind == "header" || c.kind == "status" || c.kind == "content_type") continue;
    // The element path up to the first function call: "Patient.identifier.where(...)" names
    // identifier (the step before "(" is the function itself).
    const std::size_t call = c.subject.find('(');
    const std::string path = c.subject.substr(0, call);
    std::vector<std::string> steps;
    for (auto it = std::sregex_iterator(path.begin(), path.end(), kPathStep); it != std::sregex_iterator(); ++it)
      steps.push_back((*it)[1].str());
    if (call != std::string::npos && !steps.empty()) steps.pop_back();
    std::smatch m;
    std::string name = steps.empty() ? "" : steps.back();
    if (name.empty() && call == std::string::npos && std::regex_search(path, m, kLastName)) name = m[1].str();
    if (name.empty()) continue;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    if (names.size() == 4) break;
  }
  return names;
}

std::string escapedWithMarks(const std::string& text, const std::vector<std::string>& names) {
  if (names.empty()) return htmlEscape(text);
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line(text.data() + start, end - start);
    const bool marked = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      return line.find("\"" + n + "\":") != std::string_view::npos || line.find("<" + n) != std::string_view::npos;
    });
    out += marked ? "<mark>" + htmlEscape(line) + "</mark>" : htmlEscape(line);
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace gpc::reporters
