#pragma once
// `gpc-assure merge`: the reports of the N shards of one sharded run (`run --shard I/N`) put
// back together into the RunResult an unsharded run of the same selection would have given:
// every case once, in suite/case order, the summary recounted.

#include <stdexcept>
#include <string>
#include <vector>

#include "runner/core/model.h"

namespace gpc::schedule {

struct ShardReport {
  std::string source;  // where it was read from, for messages ("shards/2/report.json")
  RunResult run;
};

// The shards do not make one whole run; what() names the reports concerned, e.g.
// "missing shard 3/3", "shard 2/3 given twice: a/report.json and b/report.json",
// "case FND-001 is in both a/report.json (shard 1/3) and b/report.json (shard 2/3)".
class ShardMergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MergedRun {
  RunResult result;
  // Differences that do not stop the merge but a reader should know of: shards run with other
  // seeds, tool versions or targets.
  std::vector<std::string> warnings;
};

// `caseOrder`: the ids of the whole selection in suite/case order (from the suites); cases it
// does not name keep the order of their shard, after the named ones.
MergedRun mergeShards(std::vector<ShardReport> shards, const std::vector<std::string>& caseOrder);

}  // namespace gpc::schedule
