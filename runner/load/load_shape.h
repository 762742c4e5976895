#pragma once
// The shape of a load run (`gpc-assure load`): an open model, where iterations start at a rate
// that follows ramp stages whatever the provider does (a slow provider then has more in flight,
// as with real consumers), or a closed model, where a fixed number of iterations is always in
// flight (the rate is whatever the provider sustains).

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gpc::load {

struct InvalidShape : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Iterations per second going from `fromRate` to `toRate` linearly over `seconds`.
struct RampStage {
  double fromRate = 0, toRate = 0;
  double seconds = 0;
};

struct LoadShape {
  std::vector<RampStage> stages;  // open model: in turn
  int concurrency = 0;            // closed model when > 0
  double durationSeconds = 0;     // closed model: how long; open model: the stages' total

  bool open() const { return concurrency == 0; }
  double rateAt(double t) const;
  // Iterations due to have started by `t` (the integral of the rate from 0 to t).
  double arrivalsBy(double t) const;
  // "ramp 0->50/s over 5m, then 50/s for 8h" / "16 in flight for 30s".
  std::string describe() const;
};

// "90s", "5m", "8h", "1h30m", "250ms", or plain seconds "90". Throws InvalidShape.
double parseDuration(std::string_view text);
// "50/s", "50" (per second), "3000/m". Throws InvalidShape.
double parseRate(std::string_view text);
// "0:50/s,5m": from 0 to 50 per second over 5 minutes. Throws InvalidShape.
RampStage parseRamp(std::string_view text);

// From the command line: --concurrency N, --rate R, --ramp stages, --duration D. Ramps run in
// order; --duration longer than them holds the last rate (a soak after a ramp); --rate alone is
// one constant stage of --duration. Throws InvalidShape naming the option.
LoadShape makeShape(int concurrency, const std::string& rate, const std::vector<std::string>& ramps,
                    const std::string& duration);

}  // namespace gpc::load
