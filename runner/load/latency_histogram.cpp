#include "runner/load/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "runner/latency/run_latency.h"

namespace gpc::load {
namespace {

// Values under 1,024 us are counted exactly; above, each power of two is split into 512
// sub-buckets (relative width <= 1/512). 2^40 us (12.7 days) is the ceiling: anything longer is
// counted there (a load run never waits that long for one answer; --timeout ends it first).
constexpr unsigned kLinear = 1024;
constexpr unsigned kSub = 512;
constexpr unsigned kMaxShift = 40 - 10;
constexpr std::uint64_t kCeilingUs = (std::uint64_t{1} << 40) - 1;

std::size_t indexOf(std::uint64_t us) {
  if (us < kLinear) return static_cast<std::size_t>(us);
  const unsigned shift = static_cast<unsigned>(std::bit_width(us)) - 10;  // us >> shift in [512, 1024)
  return kLinear + (shift - 1) * kSub + static_cast<std::size_t>((us >> shift) - kSub);
}

std::uint64_t upperOf(std::size_t index) {
  if (index < kLinear) return index;
  const auto shift = static_cast<unsigned>((index - kLinear) / kSub + 1);
  const std::uint64_t sub = (index - kLinear) % kSub + kSub;
  return ((sub + 1) << shift) - 1;
}

}  // namespace

LatencyHistogram::LatencyHistogram() : counts_(kLinear + kMaxShift * kSub, 0) {}

void LatencyHistogram::record(double ms) {
  const double clamped = std::clamp(ms * 1000.0, 0.0, static_cast<double>(kCeilingUs));
  const auto us = static_cast<std::uint64_t>(std::llround(clamped));
  ++counts_[indexOf(us)];
  minUs_ = count_ == 0 ? us : std::min(minUs_, us);
  maxUs_ = std::max(maxUs_, us);
  sumUs_ += static_cast<double>(us);
  ++count_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  minUs_ = count_ == 0 ? other.minUs_ : std::min(minUs_, other.minUs_);
  maxUs_ = std::max(maxUs_, other.maxUs_);
  sumUs_ += other.sumUs_;
  count_ += other.count_;
}

double LatencyHistogram::percentileMs(double q) const {
  if (count_ == 0) return 0;
  // Nearest rank: the time of the ceil(q% * n)-th fastest answer.
  const auto rank = latency::nearestRankOf(q, count_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return static_cast<double>(std::min(upperOf(i), maxUs_)) / 1000.0;
  }
  return maxMs();
}

std::uint64_t LatencyHistogram::countAbove(double ms) const {
  const auto us = static_cast<std::uint64_t>(std::max(0.0, ms * 1000.0));
  std::uint64_t above = 0;
  for (std::size_t i = indexOf(std::min(us, kCeilingUs)); i < counts_.size(); ++i)
    if (upperOf(i) > us) above += counts_[i];
  return above;
}

std::vector<std::pair<double, std::uint64_t>> LatencyHistogram::buckets() const {
  std::vector<std::pair<double, std::uint64_t>> out;
  for (std::size_t i = 0; i < counts_.size(); ++i)
    if (counts_[i]) out.emplace_back(static_cast<double>(upperOf(i)) / 1000.0, counts_[i]);
  return out;
}

}  // namespace gpc::load
