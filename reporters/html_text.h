#pragma once
// Pieces of the HTML report that turn plain text into markup: requirement ids into links to
// the specification, and response bodies with the lines a failing check names marked.
// Everything returned is already escaped (htmlEscape) and safe to insert as is.

#include <string>
#include <vector>

#include "runner/core/model.h"

namespace gpc::reporters {

// The requirement text with each spec page it names ("foundations/foundations_use_case_read_a_patient#response",
// several joined by "; ") made a link to that page of the specification the case checks:
// https://developer.nhs.uk/apis/gpconnect-1-6-0/PAGE.html#SECTION for 1.6.x, gpconnect-0-7-4 for
// 0.7.x. Parts that name no page (an RFC, free text) stay plain text.
std::string requirementLinks(const std::string& requirement, const std::string& specVersion);

// Element names a failing check points at ("identifier" for the subject
// "Patient.identifier.where(system='...').value", "Cache-Control" never: only the
// FHIR-ish kinds count), at most a few per case.
std::vector<std::string> failingElementNames(const std::vector<CheckResult>& checks, const std::string& step);

// `text` escaped, with every line holding the JSON key "NAME": (or the XML element <NAME) of
// one of `names` wrapped in <mark>.
std::string escapedWithMarks(const std::string& text, const std::vector<std::string>& names);

}  // namespace gpc::reporters
