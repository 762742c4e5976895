#include "runner/load/load_shape.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>

namespace gpc::load {
namespace {

double number(std::string_view text, std::string_view what) {
  double value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value) || value < 0)
    throw InvalidShape(std::string(what) + ": \"" + std::string(text) + "\" is not a non-negative number");
  return value;
}

std::string seconds(double s) {
  std::ostringstream out;
  if (s >= 3600 && std::fmod(s, 3600) == 0) out << s / 3600 << 'h';
  else if (s >= 60 && std::fmod(s, 60) == 0) out << s / 60 << 'm';
  else out << s << 's';
  return out.str();
}

}  // namespace

double parseDuration(std::string_view text) {
  if (text.empty()) throw InvalidShape("a duration is empty (write 90s, 5m, 8h or 1h30m)");
  double total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
    if (j == i) throw InvalidShape("duration \"" + std::string(text) + "\": expected a number at \"" + std::string(text.substr(i)) + "\"");
    const double value = number(text.substr(i, j - i), "duration");
    std::size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    const std::string_view unit = text.substr(j, k - j);
    if (unit.empty() && k == text.size() && i == 0) return value;  // plain seconds
    if (unit == "ms") total += value / 1000;
    else if (unit == "s") total += value;
    else if (unit == "m") total += value * 60;
    else if (unit == "h") total += value * 3600;
    else if (unit == "d") total += value * 86400;
    else
      throw InvalidShape("duration \"" + std::string(text) + "\": unknown unit \"" + std::string(unit) + "\" (ms, s, m, h or d)");
    i = k;
  }
  return total;
}

double parseRate(std::string_view text) {
  double per = 1;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    const std::string_view unit = text.substr(slash + 1);
    if (unit == "s") per = 1;
    else if (unit == "m") per = 60;
    else if (unit == "h") per = 3600;
    else throw InvalidShape("rate \"" + std::string(text) + "\": unknown unit \"/" + std::string(unit) + "\" (/s, /m or /h)");
    text = text.substr(0, slash);
  }
  return number(text, "rate") / per;
}

RampStage parseRamp(std::string_view text) {
  const auto colon = text.find(':');
  const auto comma = text.find(',');
  if (colon == std::string_view::npos || comma == std::string_view::npos || comma < colon)
    throw InvalidShape("ramp \"" + std::string(text) + "\": expected FROM:TO/s,DURATION, e.g. 0:50/s,5m");
  std::string_view to = text.substr(colon + 1, comma - colon - 1);
  std::string_view from = text.substr(0, colon);
  // "0:50/s": the unit written once, after TO, applies to both ends.
  std::string unit;
  if (auto slash = to.find('/'); slash != std::string_view::npos) unit = std::string(to.substr(slash));
  RampStage stage;
  stage.fromRate = parseRate(from.find('/') == std::string_view::npos ? std::string(from) + unit : std::string(from));
  stage.toRate = parseRate(to);
  stage.seconds = parseDuration(text.substr(comma + 1));
  if (stage.seconds <= 0) throw InvalidShape("ramp \"" + std::string(text) + "\": the duration must be over 0");
  return stage;
}

LoadShape makeShape(int concurrency, const std::string& rate, const std::vector<std::string>& ramps,
                    const std::string& duration) {
  LoadShape shape;
  double total = 0;
  if (!duration.empty()) {
    try {
      total = parseDuration(duration);
    } catch (const InvalidShape& e) {
      throw InvalidShape(std::string("--duration: ") + e.what());
    }
    if (total <= 0) throw InvalidShape("--duration must be over 0");
  }
  const bool openModel = !rate.empty() || !ramps.empty();
  if (openModel && concurrency > 0)
    throw InvalidShape("--concurrency (a closed model) cannot be combined with --rate or --ramp (an open model)");
  if (!rate.empty() && !ramps.empty())
    throw InvalidShape("--rate and --ramp both set: give a constant rate as a ramp stage R:R/s,DURATION");
  if (!openModel) {
    shape.concurrency = concurrency > 0 ? concurrency : 16;
    shape.durationSeconds = total > 0 ? total : 30;
    return shape;
  }
  if (!rate.empty()) {
    double r = 0;
    try {
      r = parseRate(rate);
    } catch (const InvalidShape& e) {
      throw InvalidShape(std::string("--rate: ") + e.what());
    }
    if (r <= 0) throw InvalidShape("--rate must be over 0");
    shape.stages.push_back({r, r, total > 0 ? total : 30});
  }
  for (const auto& ramp : ramps) {
    try {
      shape.stages.push_back(parseRamp(ramp));
    } catch (const InvalidShape& e) {
      throw InvalidShape(std::string("--ramp: ") + e.what());
    }
  }
  double staged = 0;
  for (const auto& s : shape.stages) staged += s.seconds;
  if (total > staged + 1e-9) {
    const double last = shape.stages.back().toRate;
    if (last <= 0) throw InvalidShape("--duration is longer than the ramps, which end at rate 0: nothing to hold");
    shape.stages.push_back({last, last, total - staged});  // the soak after the ramp
  } else if (total > 0 && total + 1e-9 < staged) {
    throw InvalidShape("--duration " + duration + " is shorter than the ramp stages (" + seconds(staged) + ")");
  }
  shape.durationSeconds = std::max(total, staged);
  return shape;
}

double LoadShape::rateAt(double t) const {
  for (const auto& s : stages) {
    if (t < s.seconds) return s.fromRate + (s.toRate - s.fromRate) * t / s.seconds;
    t -= s.seconds;
  }
  return 0;
}

double LoadShape::arrivalsBy(double t) const {
  double total = 0;
  for (const auto& s : stages) {
    const double x = std::min(t, s.seconds);
    total += s.fromRate * x + (s.toRate - s.fromRate) * x * x / (2 * s.seconds);
    if (t <= s.seconds) return total;
    t -= s.seconds;
  }
  return total;
}

std::string LoadShape::describe() const {
  if (!open()) return std::to_string(concurrency) + " iterations in flight for " + seconds(durationSeconds);
  std::ostringstream out;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const auto& s = stages[i];
    if (i) out << ", then ";
    if (s.fromRate == s.toRate) out << s.toRate << "/s for " << seconds(s.seconds);
    else out << "ramp " << s.fromRate << "->" << s.toRate << "/s over " << seconds(s.seconds);
  }
  return out.str();
}

}  // namespace gpc::load
