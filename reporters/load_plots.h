#pragma once
// Inline SVG plots for the load page: lines over time (latency, throughput) and response-time
// histograms. Plain SVG with no script and no external resource, so the page opens anywhere,
// prints, and cannot be made to run anything by what a provider sent.

#include <string>
#include <vector>

namespace gpc::reporters {

struct PlotSeries {
  std::string name;
  std::string colour;  // CSS colour
  bool dashed = false;
  std::vector<std::pair<double, double>> points;  // (x, y), x ascending
};

struct PlotLimit {
  double value = 0;
  std::string label;
  std::string colour;
};

struct LinePlot {
  std::string title;
  std::string xLabel, yLabel;
  std::vector<PlotSeries> series;
  std::vector<PlotLimit> limits;  // dashed horizontal lines (SHALL / SHOULD)
  bool logY = false;
};

// The plot as an <svg> element; non-finite values are left out, an empty plot says "no data".
std::string renderLinePlot(const LinePlot& plot);

// Counts per bucket upper bound (ms) as bars on a logarithmic time axis, with the limits marked.
std::string renderHistogram(const std::string& title, const std::vector<std::pair<double, double>>& buckets,
                            const std::vector<PlotLimit>& limits);

// "12.5", "1.2k", "3.4M": short tick labels.
std::string shortNumber(double v);
// Seconds as "45s", "12m", "3.5h" for the time axis.
std::string shortDuration(double seconds);

}  // namespace gpc::reporters
