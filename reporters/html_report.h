#pragma once
// The HTML report's text, for tests and for rendering a report from a JSON one later.

#include <string>

#include "reporters/reporters.h"
#include "runner/core/model.h"

namespace gpc::reporters {

std::string renderHtmlReport(const RunResult& result, HtmlEvidence evidence = HtmlEvidence::Failed);
// The same, with the result digest (resultDigest(result)) already known.
std::string renderHtmlReport(const RunResult& result, const std::string& resultDigest,
                             HtmlEvidence evidence = HtmlEvidence::Failed);

}  // namespace gpc::reporters
