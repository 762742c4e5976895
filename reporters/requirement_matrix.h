#pragma once
// The requirement matrix (`gpc-assure requirements`, the HTML and JSON reports): every
// specification requirement the cases cite, the cases that verify it, and its verdict in a run
// (docs/reports.md, Requirement matrix).

#include <string>
#include <vector>

#include "runner/core/model.h"

namespace gpc::reporters {

//   all_passed    every case citing it passed
//   some_failed   at least one failed, errored, was waived (a waived failure is still one) or was
//                 flaky (it failed before it passed on a retry)
//   some_not_run  none failed, some passed, some were skipped or not in the run
//   not_run       none of them ran (skipped, or no run given)
enum class RequirementVerdict { AllPassed, SomeFailed, SomeNotRun, NotRun };

// "all passed", "some failed", "some not run", "not run".
const char* toString(RequirementVerdict verdict);

struct RequirementRow {
  std::string requirement;  // one cited requirement, as the suites write it ("page#section (detail)")
  std::vector<std::string> caseIds;  // the cases citing it, in run/suite order
  int passed = 0, failed = 0, errored = 0, flaky = 0, waived = 0, notRun = 0;  // notRun: skipped or absent
  RequirementVerdict verdict = RequirementVerdict::NotRun;
};

// The requirements one case's `requirement` cites: the text split at "; " outside parentheses
// ("a#x; b (c; d)" cites "a#x" and "b (c; d)"), each trimmed; none when empty.
std::vector<std::string> citedRequirements(const std::string& requirement);

// Cases citing no requirement are gathered under this row name, so they stay visible.
inline constexpr const char* kNoRequirement = "(no requirement cited)";

// Rows in requirement order (byte order). A case counts under each requirement it cites.
std::vector<RequirementRow> requirementMatrix(const std::vector<CaseResult>& cases);

// Rows for cases not run at all (`requirements` without a report): every row not_run.
std::vector<RequirementRow> requirementMatrix(const std::vector<CaseInfo>& cases);

// RFC 4180: CRLF line ends, a header row, fields holding a comma, quote, CR or LF quoted with
// quotes doubled. Columns: requirement, verdict, cases (count), passed, failed, errored, flaky, waived,
// not_run, case_ids (space-separated).
std::string requirementMatrixCsv(const std::vector<RequirementRow>& rows);

// Plain lines (not yet made terminal-safe): per requirement its name, its verdict and counts,
// its cases; then a totals line.
std::vector<std::string> requirementMatrixLines(const std::vector<RequirementRow>& rows);

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF.
std::string csvField(const std::string& text);

}  // namespace gpc::reporters
