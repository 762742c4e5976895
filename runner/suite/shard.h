#pragma once
// `run --shard I/N`: one stable part of a selection, so N CI jobs each run a part and
// `gpc-assure merge` puts the reports back together. The split depends only on the case ids
// (and, when given, the durations a previous report recorded), never on the machine, the
// thread count or the order cases finish in, so every job computes the same partition.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gpc {

struct ShardSpec {
  int index = 1;  // 1-based
  int count = 1;
};

// "I/N" with 1 <= I <= N <= 1000. Throws std::invalid_argument saying what is wrong.
ShardSpec parseShardSpec(std::string_view text);

// Recorded durations by case id (milliseconds), from a previous report.json.
using CaseDurations = std::map<std::string, double>;

// The positions (ascending) in `ids` of the cases shard `spec` runs.
// Without durations: FNV-1a (64-bit) of the id, modulo N, so adding a case moves no other case.
// With durations: greedy bin packing, longest case first (ties by id), each to the shard with
// the least total so far (ties to the lowest shard); a case the durations do not know counts as
// the mean of the known ones, so new cases spread out too.
std::vector<std::size_t> shardPositions(const std::vector<std::string>& ids, ShardSpec spec,
                                        const CaseDurations& durations = {});

}  // namespace gpc
