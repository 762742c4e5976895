#include "runner/cli/shard_options.h"

#include <CLI/CLI.hpp>
#include <stdexcept>

#include "reporters/run_json.h"
#include "runner/core/json_input.h"
#include "runner/suite/shard.h"

namespace gpc::cli {

void addShardOptions(CLI::App& run, ShardArgs& args) {
  CLI::Option* shard = run.add_option("--shard", args.shard,
                                      "Run only part I of N of the selection (1/4 ... 4/4), the same split on every "
                                      "machine; join the reports with `gpc-assure merge`");
  run.add_option("--durations", args.durations,
                 "With --shard: balance the parts by the case durations this earlier report.json recorded")
      ->needs(shard);
}

namespace {

CaseDurations readDurations(const std::string& file) {
  try {
    const std::string text = json_input::readFile(file, file);
    CaseDurations durations;
    for (const auto& c : reporters::runResultFromJson(text).cases) durations[c.info.id] = c.durationMs;
    return durations;
  } catch (const std::exception& e) {  // unreadable (LoadError "FILE: cannot read file") or not a report
    throw std::runtime_error("--durations " + file + ": " + e.what());
  }
}

}  // namespace

ShardedCases applyShard(const ShardArgs& args, std::vector<Case> cases) {
  ShardedCases out;
  if (!args.shard) {
    out.cases = std::move(cases);
    return out;
  }
  ShardSpec spec;
  try {
    spec = parseShardSpec(*args.shard);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error("--shard " + *args.shard + ": " + e.what());
  }
  const CaseDurations durations = args.durations ? readDurations(*args.durations) : CaseDurations{};
  std::vector<std::string> ids;
  ids.reserve(cases.size());
  for (const auto& c : cases) ids.push_back(c.info.id);
  for (const std::size_t k : shardPositions(ids, spec, durations)) out.cases.push_back(std::move(cases[k]));
  out.shard.index = spec.index;
  out.shard.count = spec.count;
  out.shard.selected = static_cast<int>(ids.size());
  out.shard.balancedBy = args.durations ? "durations from " + *args.durations : "case id hash";
  if (out.cases.empty())
    throw std::runtime_error("--shard " + *args.shard + ": no case of the " + std::to_string(ids.size()) +
                             " selected falls in this shard; use fewer shards");
  return out;
}

}  // namespace gpc::cli
