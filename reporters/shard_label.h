#pragma once
// One wording of a run's shard for every report: "shard 2/3 (274 of 822 cases, by case id
// hash)" or "merged from 3 shards (822 cases)"; empty for a whole run.

#include <string>

#include "runner/core/model.h"

namespace gpc::reporters {

std::string shardLabel(const ShardInfo& shard, int casesInRun);

}  // namespace gpc::reporters
