#include "runner/fhir/validator.h"

namespace gpc::fhir {

nlohmann::json issuesToOperationOutcome(const std::vector<Issue>& issues) {
  nlohmann::json outcome = {{"resourceType", "OperationOutcome"}, {"issue", nlohmann::json::array()}};
  for (const auto& issue : issues) {
    nlohmann::json entry = {{"severity", issue.severity}, {"code", issue.code}, {"diagnostics", issue.message}};
    if (!issue.location.empty()) entry["expression"] = {issue.location};
    if (!issue.location.empty()) entry["location"] = {issue.location};
    if (!issue.profile.empty() || !issue.elementId.empty()) {
      entry["details"] = {{"text", issue.profile + (issue.elementId.empty() ? "" : "#" + issue.elementId)}};
    }
    outcome["issue"].push_back(std::move(entry));
  }
  if (issues.empty()) {
    outcome["issue"].push_back({{"severity", "information"}, {"code", "informational"}, {"diagnostics", "no issues"}});
  }
  return outcome;
}

std::string formatIssue(const Issue& issue) {
  std::string line = issue.severity + "  " + issue.location + "  " + issue.message;
  if (!issue.profile.empty()) line += "  [" + issue.profile + (issue.elementId.empty() ? "" : "#" + issue.elementId) + "]";
  return line;
}

}  // namespace gpc::fhir
