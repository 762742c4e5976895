#pragma once
// `run --shard I/N [--durations report.json]`: the part of the selection this run takes
// (runner/suite/shard.h), and how the reports record it.

#include <optional>
#include <string>
#include <vector>

#include "runner/core/model.h"
#include "runner/suite/case.h"

namespace CLI {
class App;
}

namespace gpc::cli {

struct ShardArgs {
  std::optional<std::string> shard;      // "I/N"
  std::optional<std::string> durations;  // a previous report.json: balance by its durations
};

void addShardOptions(CLI::App& run, ShardArgs& args);

struct ShardedCases {
  std::vector<Case> cases;  // still in suite/case order
  ShardInfo shard;          // count 0 without --shard
};

// Without --shard: every case. Throws std::runtime_error naming the option and the reason for
// a bad I/N, a durations file that cannot be read, or a shard left with no case (a run of
// nothing is never a pass).
ShardedCases applyShard(const ShardArgs& args, std::vector<Case> cases);

}  // namespace gpc::cli
