#include "reporters/shard_label.h"

#include <fmt/format.h>

namespace gpc::reporters {

std::string shardLabel(const ShardInfo& shard, int casesInRun) {
  if (shard.count == 0) return "";
  if (shard.merged > 0)
    return fmt::format("merged from {} shard{} ({} cases)", shard.merged, shard.merged == 1 ? "" : "s", casesInRun);
  return fmt::format("shard {}/{} ({} of {} cases, by {})", shard.index, shard.count, casesInRun, shard.selected,
                     shard.balancedBy);
}

}  // namespace gpc::reporters
