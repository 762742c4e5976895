#include "runner/schedule/shard_merge.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace gpc::schedule {

namespace {

std::string label(const ShardReport& r) {
  return fmt::format("{} (shard {}/{})", r.source, r.run.info.shard.index, r.run.info.shard.count);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out.empty() ? "(none)" : out;
}

// Every report a shard of the same split: same N, each index once, none missing.
void checkPartition(const std::vector<ShardReport>& shards) {
  if (shards.empty()) throw ShardMergeError("no shard report given");
  for (const auto& s : shards) {
    const ShardInfo& info = s.run.info.shard;
    if (info.count == 0) throw ShardMergeError(s.source + ": not a shard report (it was run without --shard)");
    if (info.merged > 0) throw ShardMergeError(s.source + ": already a merged report, not a shard");
  }
  const ShardReport& first = shards.front();
  const int count = first.run.info.shard.count;
  std::map<int, const ShardReport*> byIndex;
  for (const auto& s : shards) {
    const ShardInfo& info = s.run.info.shard;
    if (info.count != count)
      throw ShardMergeError(fmt::format("{} is one of {} shards but {} is one of {}", label(s), info.count,
                                        label(first), count));
    if (info.selected != first.run.info.shard.selected || s.run.info.filters != first.run.info.filters)
      throw ShardMergeError(fmt::format("{} split another selection ({} cases, filters {}) than {} ({} cases, filters {})",
                                        label(s), info.selected, joined(s.run.info.filters), label(first),
                                        first.run.info.shard.selected, joined(first.run.info.filters)));
    const auto [it, fresh] = byIndex.emplace(info.index, &s);
    if (!fresh)
      throw ShardMergeError(fmt::format("shard {}/{} given twice: {} and {}", info.index, count, it->second->source, s.source));
  }
  std::vector<std::string> missing;
  for (int index = 1; index <= count; ++index)
    if (!byIndex.count(index)) missing.push_back(fmt::format("{}/{}", index, count));
  if (!missing.empty())
    throw ShardMergeError(fmt::format("missing shard{} {}", missing.size() == 1 ? "" : "s", joined(missing)));
}

void noteDifferences(const std::vector<ShardReport>& shards, std::vector<std::string>& warnings) {
  const RunInfo& first = shards.front().run.info;
  for (const auto& s : shards) {
    const RunInfo& info = s.run.info;
    if (info.seed != first.seed)
      warnings.push_back(fmt::format("{} ran with seed {}, {} with seed {}; the merged report records {}", label(s),
                                     info.seed, label(shards.front()), first.seed, first.seed));
    if (info.toolVersion != first.toolVersion)
      warnings.push_back(fmt::format("{} was written by gpc-assure {}, {} by {}", label(s), info.toolVersion,
                                     label(shards.front()), first.toolVersion));
    if (info.targetName != first.targetName)
      warnings.push_back(fmt::format("{} ran against {}, {} against {}", label(s), info.targetName,
                                     label(shards.front()), first.targetName));
  }
}

}  // namespace

MergedRun mergeShards(std::vector<ShardReport> shards, const std::vector<std::string>& caseOrder) {
  checkPartition(shards);
  std::sort(shards.begin(), shards.end(),
            [](const ShardReport& a, const ShardReport& b) { return a.run.info.shard.index < b.run.info.shard.index; });
  MergedRun merged;
  noteDifferences(shards, merged.warnings);

  std::map<std::string, const ShardReport*> owner;
  std::vector<CaseResult> cases;
  std::vector<std::string> stopped;
  for (auto& s : shards) {
    for (auto& c : s.run.cases) {
      const auto [it, fresh] = owner.emplace(c.info.id, &s);
      if (!fresh) throw ShardMergeError("case " + c.info.id + " is in both " + label(*it->second) + " and " + label(s));
      cases.push_back(std::move(c));
    }
    if (!s.run.stopped.empty()) stopped.push_back(fmt::format("shard {}/{}: {}", s.run.info.shard.index,
                                                              s.run.info.shard.count, s.run.stopped));
  }
  const int selected = shards.front().run.info.shard.selected;
  if (static_cast<int>(cases.size()) != selected)
    throw ShardMergeError(fmt::format("the shards hold {} cases but split a selection of {}", cases.size(), selected));

  std::map<std::string, std::size_t> position;
  for (std::size_t k = 0; k < caseOrder.size(); ++k) position.emplace(caseOrder[k], k);
  std::stable_sort(cases.begin(), cases.end(), [&](const CaseResult& a, const CaseResult& b) {
    const auto pa = position.find(a.info.id), pb = position.find(b.info.id);
    const std::size_t ka = pa == position.end() ? caseOrder.size() : pa->second;
    const std::size_t kb = pb == position.end() ? caseOrder.size() : pb->second;
    return ka < kb;
  });

  RunResult& run = merged.result;
  run.info = shards.front().run.info;
  run.finishedAt = shards.front().run.finishedAt;
  for (const auto& s : shards) {
    // ISO 8601 UTC of one format: text order is time order.
    run.info.startedAt = std::min(run.info.startedAt, s.run.info.startedAt);
    run.finishedAt = std::max(run.finishedAt, s.run.finishedAt);
    // The shards ran side by side: the whole took as long as the longest.
    run.durationMs = std::max(run.durationMs, s.run.durationMs);
  }
  run.info.shard.index = 0;
  run.info.shard.merged = static_cast<int>(shards.size());
  run.cases = std::move(cases);
  run.summary = summarise(run.cases);
  for (const auto& reason : stopped) run.stopped += (run.stopped.empty() ? "" : "; ") + reason;
  return merged;
}

}  // namespace gpc::schedule
