#pragma once
// What changed since a baseline run (`run --baseline OLD/report.json`, `gpc-assure diff OLD NEW`):
// every case of the new run is new, fixed, regressed, still failing or unchanged, and the cases
// of the baseline the new run does not have are listed as removed. One comparison, shown by the
// console, the HTML and JSON reports and `diff` alike (docs/reports.md, Changes since a baseline).

#include <optional>
#include <string>
#include <vector>

#include "runner/core/model.h"

namespace gpc::reporters {

// Failing means failed, errored or waived (a waived case failed; the waiver only accepts it).
//   new           the baseline has no case of this id
//   fixed         failing in the baseline, passed now
//   regressed     not failing in the baseline (passed or skipped), failing now
//   still_failing failing in both
//   unchanged     anything else (passed in both, skipped in both, or now skipped)
enum class Change { New, Fixed, Regressed, StillFailing, Unchanged };

// "new", "fixed", "regressed", "still_failing", "unchanged": the JSON spelling.
const char* toString(Change change);

struct CaseChange {
  const CaseResult* result = nullptr;  // the case in the new run
  Change change = Change::Unchanged;
  std::optional<Verdict> before;  // its verdict in the baseline; none when new
};

struct BaselineComparison {
  std::vector<CaseChange> cases;  // one per case of the new run, in its order
  std::vector<std::pair<std::string, Verdict>> removed;  // baseline cases the new run lacks
  int count(Change change) const;
};

BaselineComparison compareWithBaseline(const BaselineRun& baseline, const std::vector<CaseResult>& cases);

// The baseline a run's report makes: its verdicts, start time and the digest of its bytes.
BaselineRun baselineFrom(const RunResult& run, std::string file, std::string resultSha256);

// "1 regressed, 2 fixed, 0 new, 0 removed, 3 still failing, 816 unchanged"
std::string changeCountsLine(const BaselineComparison& comparison);

// The console and `diff` text (plain, not yet made terminal-safe):
//   Changes since baseline OLD (run of 2026-12-06T18:00:00.000Z): <changeCountsLine>
//     regressed      FND-001  passed -> failed  status: expected 200, got 500
//     fixed          FND-002  failed -> passed
//     new            FND-003  failed  <reason>
//     removed        FND-004  failed in the baseline, not in this run
//     still failing  FND-005, FND-006, ... (+N more)        (every id when listAll)
std::vector<std::string> changeLines(const BaselineRun& baseline, const BaselineComparison& comparison,
                                     bool listAll = false);

}  // namespace gpc::reporters
