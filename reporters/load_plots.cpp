#include "reporters/load_plots.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "reporters/text_safety.h"

namespace gpc::reporters {
namespace {

constexpr double kWidth = 860, kHeight = 260;
constexpr double kLeft = 64, kRight = 16, kTop = 28, kBottom = 40;

double finiteOr(double v, double fallback) { return std::isfinite(v) ? v : fallback; }

// Round-number ticks between lo and hi.
std::vector<double> linearTicks(double lo, double hi, int wanted) {
  std::vector<double> ticks;
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / wanted;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push_back(t);
  return ticks;
}

std::vector<double> logTicks(double lo, double hi) {
  std::vector<double> ticks;
  for (double t = std::pow(10.0, std::floor(std::log10(lo))); t <= hi * 1.0001; t *= 10)
    if (t >= lo * 0.9999) ticks.push_back(t);
  if (ticks.size() < 2) ticks = {lo, hi};
  return ticks;
}

struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  double at(double v, double from, double to) const {
    const double a = log ? std::log10(std::max(v, lo)) : v;
    const double l = log ? std::log10(lo) : lo;
    const double h = log ? std::log10(hi) : hi;
    return from + (to - from) * (h > l ? (a - l) / (h - l) : 0.5);
  }
};

std::string text(double x, double y, const std::string& s, const char* anchor = "middle", const char* cls = "tick") {
  return fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}" class="{}">{}</text>)", x, y, anchor, cls, htmlEscape(s));
}

std::string frame(const std::string& title, const std::string& body) {
  return fmt::format(R"(<svg class="plot" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">)"
                     R"(<rect x="0" y="0" width="{}" height="{}" fill="#fff"/>{}{}</svg>)",
                     kWidth, kHeight, kWidth, kHeight, htmlEscape(title), kWidth, kHeight,
                     text(kLeft, 18, title, "start", "title"), body);
}

std::string axes(const Axis& x, const Axis& y, const std::vector<double>& xTicks, const std::vector<double>& yTicks,
                 const std::string& xLabel, const std::string& yLabel, bool timeAxis) {
  std::string out;
  const double x0 = kLeft, x1 = kWidth - kRight, y0 = kHeight - kBottom, y1 = kTop;
  out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#999"/>)", x0, y1, x1 - x0, y0 - y1);
  for (double t : yTicks) {
    const double py = y.at(t, y0, y1);
    out += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#e4e4e4"/>)", x0, x1, py, py);
    out += text(x0 - 6, py + 4, shortNumber(t), "end");
  }
  for (double t : xTicks) {
    const double px = x.at(t, x0, x1);
    out += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}" stroke="#e4e4e4"/>)", px, px, y1, y0);
    out += text(px, y0 + 16, timeAxis ? shortDuration(t) : shortNumber(t));
  }
  out += text((x0 + x1) / 2, kHeight - 6, xLabel, "middle", "label");
  out += fmt::format(R"svg(<text x="14" y="{:.1f}" transform="rotate(-90 14 {:.1f})" text-anchor="middle" class="label">{}</text>)svg",
                     (y0 + y1) / 2, (y0 + y1) / 2, htmlEscape(yLabel));
  return out;
}

std::string noData(const std::string& title) {
  return frame(title, text(kWidth / 2, kHeight / 2, "no data", "middle", "label"));
}

}  // namespace

std::string shortNumber(double v) {
  v = finiteOr(v, 0);
  const double a = std::fabs(v);
  if (a >= 1e6) return fmt::format("{:.3g}M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.3g}k", v / 1e3);
  if (a >= 100 || a == std::floor(a)) return fmt::format("{:.0f}", v);
  if (a >= 1) return fmt::format("{:.3g}", v);
  return fmt::format("{:.2g}", v);
}

std::string shortDuration(double s) {
  s = finiteOr(s, 0);
  if (s >= 7200) return fmt::format("{:.3g}h", s / 3600);
  if (s >= 120) return fmt::format("{:.3g}m", s / 60);
  return fmt::format("{:.3g}s", s);
}

std::string renderLinePlot(const LinePlot& plot) {
  double xlo = std::numeric_limits<double>::max(), xhi = std::numeric_limits<double>::lowest();
  double yhi = 0, ylo = std::numeric_limits<double>::max();
  std::size_t points = 0;
  for (const auto& s : plot.series)
    for (const auto& [x, y] : s.points) {
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      xlo = std::min(xlo, x), xhi = std::max(xhi, x), yhi = std::max(yhi, y);
      if (y > 0) ylo = std::min(ylo, y);
      ++points;
    }
  if (points == 0) return noData(plot.title);
  for (const auto& l : plot.limits) yhi = std::max(yhi, l.value * 1.05);
  if (xhi <= xlo) xhi = xlo + 1;
  Axis x{xlo, xhi, false};
  Axis y{0, yhi > 0 ? yhi * 1.05 : 1, false};
  if (plot.logY) {
    y.log = true;
    y.lo = ylo == std::numeric_limits<double>::max() ? 0.1 : std::pow(10.0, std::floor(std::log10(ylo)));
    y.hi = std::max(y.lo * 10, std::pow(10.0, std::ceil(std::log10(std::max(yhi, y.lo * 1.01)))));
  }
  const double x0 = kLeft, x1 = kWidth - kRight, y0 = kHeight - kBottom, y1 = kTop;
  std::string body = axes(x, y, linearTicks(x.lo, x.hi, 8), y.log ? logTicks(y.lo, y.hi) : linearTicks(y.lo, y.hi, 5),
                          plot.xLabel, plot.yLabel, true);
  for (const auto& l : plot.limits) {
    if (l.value > y.hi || (y.log && l.value < y.lo)) continue;
    const double py = y.at(l.value, y0, y1);
    body += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="{}" stroke-dasharray="6 4"/>)", x0, x1, py, py,
                        htmlEscape(l.colour));
    body += text(x1 - 4, py - 4, l.label, "end", "limit");
  }
  double legendX = kWidth - kRight;
  for (auto it = plot.series.rbegin(); it != plot.series.rend(); ++it) {
    const auto& s = *it;
    std::string path;
    for (const auto& [px, py] : s.points) {
      if (!std::isfinite(px) || !std::isfinite(py)) continue;
      path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "M" : " L", x.at(px, x0, x1), y.at(y.log ? std::max(py, y.lo) : py, y0, y1));
    }
    body += fmt::format(R"(<path d="{}" fill="none" stroke="{}" stroke-width="1.5"{}/>)", path, htmlEscape(s.colour),
                        s.dashed ? R"( stroke-dasharray="4 3")" : "");
    legendX -= 8.0 * static_cast<double>(s.name.size()) + 28;
    body += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="14" y2="14" stroke="{}" stroke-width="3"/>)", legendX, legendX + 14,
                        htmlEscape(s.colour));
    body += text(legendX + 18, 18, s.name, "start", "legend");
  }
  return frame(plot.title, body);
}

std::string renderHistogram(const std::string& title, const std::vector<std::pair<double, double>>& buckets,
                            const std::vector<PlotLimit>& limits) {
  double lo = std::numeric_limits<double>::max(), hi = 0, top = 0;
  for (const auto& [upper, count] : buckets) {
    if (!std::isfinite(upper) || !std::isfinite(count) || count <= 0) continue;
    lo = std::min(lo, std::max(upper, 0.001)), hi = std::max(hi, upper);
  }
  if (hi <= 0) return noData(title);
  // Re-binned into 48 equal steps of log time, so a histogram of thousands of buckets stays small.
  constexpr int kBins = 48;
  const double llo = std::log10(lo) - 0.05, lhi = std::log10(std::max(hi, lo * 1.5)) + 0.05;
  std::vector<double> bins(kBins, 0);
  for (const auto& [upper, count] : buckets) {
    if (!std::isfinite(upper) || !std::isfinite(count) || count <= 0) continue;
    const int b = std::clamp(static_cast<int>((std::log10(std::max(upper, 0.001)) - llo) / (lhi - llo) * kBins), 0, kBins - 1);
    bins[static_cast<std::size_t>(b)] += count;
  }
  for (double c : bins) top = std::max(top, c);
  Axis x{std::pow(10.0, llo), std::pow(10.0, lhi), true};
  Axis y{0, top * 1.1, false};
  const double x0 = kLeft, x1 = kWidth - kRight, y0 = kHeight - kBottom, y1 = kTop;
  std::string body = axes(x, y, logTicks(x.lo, x.hi), linearTicks(0, y.hi, 4), "response time (ms, log scale)", "answers", false);
  const double barWidth = (x1 - x0) / kBins;
  for (int b = 0; b < kBins; ++b) {
    if (bins[static_cast<std::size_t>(b)] <= 0) continue;
    const double top_ = y.at(bins[static_cast<std::size_t>(b)], y0, y1);
    body += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#3b6ea5"/>)", x0 + b * barWidth + 0.5,
                        top_, std::max(barWidth - 1, 1.0), y0 - top_);
  }
  for (const auto& l : limits) {
    if (l.value < x.lo || l.value > x.hi) continue;
    const double px = x.at(l.value, x0, x1);
    body += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}" stroke="{}" stroke-dasharray="6 4"/>)", px, px, y1, y0,
                        htmlEscape(l.colour));
    body += text(px + 4, y1 + 12, l.label, "start", "limit");
  }
  return frame(title, body);
}

}  // namespace gpc::reporters
