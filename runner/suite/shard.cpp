#include "runner/suite/shard.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <numeric>
#include <stdexcept>

namespace gpc {

namespace {

constexpr int kMaxShards = 1000;

int parseNumber(std::string_view text, const char* what) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    throw std::invalid_argument(std::string("expected I/N with whole numbers; the ") + what + " '" +
                                std::string(text) + "' is not one");
  return value;
}

// FNV-1a: tiny, fixed by definition, the same on every platform and compiler (std::hash is not).
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::vector<int> byHash(const std::vector<std::string>& ids, int count) {
  std::vector<int> shardOf(ids.size());
  for (std::size_t k = 0; k < ids.size(); ++k) shardOf[k] = static_cast<int>(fnv1a(ids[k]) % static_cast<std::uint64_t>(count));
  return shardOf;
}

std::vector<int> byDuration(const std::vector<std::string>& ids, int count, const CaseDurations& durations) {
  double known = 0;
  std::size_t knownCount = 0;
  std::vector<double> cost(ids.size(), -1);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const auto it = durations.find(ids[k]);
    if (it == durations.end()) continue;
    cost[k] = std::max(0.0, it->second);
    known += cost[k];
    ++knownCount;
  }
  const double fallback = knownCount == 0 ? 1.0 : known / static_cast<double>(knownCount);
  for (double& c : cost)
    if (c < 0) c = fallback;

  std::vector<std::size_t> order(ids.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (cost[a] != cost[b]) return cost[a] > cost[b];
    return ids[a] < ids[b];
  });
  std::vector<double> load(static_cast<std::size_t>(count), 0.0);
  std::vector<int> shardOf(ids.size());
  for (const std::size_t k : order) {
    const auto lightest = std::min_element(load.begin(), load.end());  // first of equals: lowest shard
    *lightest += cost[k];
    shardOf[k] = static_cast<int>(lightest - load.begin());
  }
  return shardOf;
}

}  // namespace

ShardSpec parseShardSpec(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) throw std::invalid_argument("expected I/N, e.g. 2/4");
  ShardSpec spec{parseNumber(text.substr(0, slash), "shard"), parseNumber(text.substr(slash + 1), "count")};
  if (spec.count < 1 || spec.count > kMaxShards)
    throw std::invalid_argument("the count N must be 1 to " + std::to_string(kMaxShards));
  if (spec.index < 1 || spec.index > spec.count)
    throw std::invalid_argument("the shard I must be 1 to N (" + std::to_string(spec.count) + ")");
  return spec;
}

std::vector<std::size_t> shardPositions(const std::vector<std::string>& ids, ShardSpec spec,
                                        const CaseDurations& durations) {
  const std::vector<int> shardOf = durations.empty() ? byHash(ids, spec.count) : byDuration(ids, spec.count, durations);
  std::vector<std::size_t> positions;
  for (std::size_t k = 0; k < ids.size(); ++k)
    if (shardOf[k] == spec.index - 1) positions.push_back(k);
  return positions;
}

}  // namespace gpc
