#include "reporters/load_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "reporters/load_plots.h"
#include "reporters/text_safety.h"

namespace gpc::reporters {
namespace {

using nlohmann::json;

// An 8-hour soak has 28,800 seconds; more points than this are combined for drawing.
constexpr std::size_t kMaxPlotPoints = 600;

std::string str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double num(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string esc(const std::string& s) { return htmlEscape(s); }

std::string ms(double v) { return fmt::format("{:.1f}", std::isfinite(v) ? v : 0.0); }

const char* kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px; color: #1b1b1b; }
h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.banner { padding: 12px 16px; border-radius: 6px; color: #fff; }
.banner.pass { background: #1e7b34; } .banner.fail { background: #b3261e; }
.banner .verdict { font-size: 22px; font-weight: 700; }
.banner ul { margin: 6px 0 0 18px; padding: 0; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 24px; margin: 10px 0; }
.facts div span { color: #555; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: right; white-space: nowrap; }
th { white-space: normal; vertical-align: bottom; }  /* two-word headers wrap: the table fits a 1100 px page */
th:first-child, td:first-child, td.text { text-align: left; }
td.text { white-space: normal; overflow-wrap: anywhere; min-width: 6em; }  /* titles and lists wrap */
td.over-shall { background: #f9d6d3; font-weight: 700; } td.over-should { background: #fdf0c4; }
.note { color: #555; font-size: 13px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5; padding: 8px; font-size: 12px; max-height: 18em; overflow-y: auto; }
svg.plot { max-width: 100%; height: auto; display: block; margin: 8px 0; }
svg .tick { font-size: 11px; fill: #444; } svg .label, svg .legend { font-size: 12px; fill: #222; }
svg .title { font-size: 13px; font-weight: 600; fill: #222; } svg .limit { font-size: 11px; fill: #8a1c14; }
@media print { body { max-width: none; } .banner { color: #000; border: 3px solid #000; background: none !important; }
  pre { max-height: none; } .scroll { overflow: visible; } }
)";

std::string banner(const json& r) {
  const json& verdict = r.value("verdict", json::object());
  const bool passed = verdict.value("passed", false);
  std::string out = fmt::format(R"(<div class="banner {}"><div class="verdict">{}</div>)", passed ? "pass" : "fail",
                                passed ? "PASS: within the limits and the error budget" : "FAIL");
  if (!str(r, "stopped").empty()) out += "<div><strong>Interrupted:</strong> " + esc(str(r, "stopped")) + "; the figures cover the part that ran</div>";
  for (const char* list : {"broken", "warnings"}) {
    const auto it = verdict.find(list);
    if (it == verdict.end() || !it->is_array() || it->empty()) continue;
    out += fmt::format("<div>{}</div><ul>", std::string(list) == "broken" ? "Broken:" : "Warnings:");
    for (const auto& line : *it) out += "<li>" + esc(line.is_string() ? line.get<std::string>() : line.dump()) + "</li>";
    out += "</ul>";
  }
  return out + "</div>";
}

std::string facts(const json& r) {
  const json& t = r.value("totals", json::object());
  const json& shape = r.value("shape", json::object());
  auto fact = [](const std::string& name, const std::string& value) {
    return "<div><span>" + esc(name) + ":</span> " + esc(value) + "</div>";
  };
  std::string out = R"(<div class="facts">)";
  out += fact("throughput", fmt::format("{:.1f} requests/s", num(t, "tps")));
  out += fact("requests", fmt::format("{:.0f} ({:.0f} failed, {:.3f}%)", num(t, "requests"), num(t, "requests_failed"), num(t, "error_rate") * 100));
  out += fact("iterations", fmt::format("{:.0f} ({:.0f} failed, {:.0f} dropped)", num(t, "iterations"), num(t, "iterations_failed"),
                                        num(t, "dropped_iterations")));
  out += fact("duration", fmt::format("{:.1f} s", num(r, "duration_seconds")));
  out += fact("shape", str(shape, "model") + " model: " + str(shape, "description"));
  out += fact("target", str(r.value("target", json::object()), "name"));
  out += fact("profile", str(r.value("profile", json::object()), "name") + " (" + str(r.value("profile", json::object()), "file") + ")");
  out += fact("started", str(r, "started_at"));
  out += fact("finished", str(r, "finished_at"));
  out += fact("seed", fmt::format("{:.0f}", num(r, "seed")));
  out += fact("tool", "gpc-assure " + str(r, "tool_version"));
  return out + "</div>";
}

std::string interactionTable(const json& r) {
  const json& budgets = r.value("budgets", json::object());
  const double percentile = budgets.contains("percentile") ? num(budgets, "percentile") : 100;
  std::string out = R"(<div class="scroll"><table><thead><tr><th>interaction</th><th>kind</th><th>requests</th><th>req/s</th>)"
                    R"(<th>failed</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th>)"
                    R"(<th>over SHOULD</th><th>over SHALL</th><th>SHOULD / SHALL</th><th>standing</th></tr></thead><tbody>)";
  for (const auto& i : r.value("interactions", json::array())) {
    const double should = num(i, "should_ms"), shall = num(i, "shall_ms");
    auto cell = [&](double v) {
      const char* cls = v >= shall ? "over-shall" : v >= should ? "over-should" : "";
      return fmt::format(R"(<td class="{}">{}</td>)", cls, ms(v));
    };
    out += "<tr><td>" + esc(str(i, "interaction")) + "</td><td class=\"text\">" + esc(str(i, "kind")) + "</td>";
    out += fmt::format("<td>{:.0f}</td><td>{:.1f}</td><td>{:.0f}</td>", num(i, "requests"), num(i, "tps"), num(i, "failed"));
    for (const char* p : {"p50_ms", "p90_ms", "p99_ms", "p99_9_ms", "max_ms"}) out += cell(num(i, p));
    out += fmt::format("<td>{:.0f}</td><td>{:.0f}</td><td>{:.0f} / {:.0f}</td>", num(i, "over_should"), num(i, "over_shall"), should, shall);
    out += "<td class=\"text\">" + esc(str(i, "standing")) + "</td></tr>";
  }
  out += "</tbody></table></div>";
  out += fmt::format(
      R"(<p class="note">Limits from the GP Connect volume and performance guidance: command interactions SHALL answer in under 250 ms )"
      R"((SHOULD under 100 ms), query interactions SHALL in under 3,000 ms (SHOULD under 1,000 ms), including under load. Judged here at )"
      R"({}. Times are the provider's: from the request's start to the last byte, less connection set-up (DNS, TCP, TLS).</p>)",
      percentile >= 100 ? std::string("every answer (the maximum)") : fmt::format("the {}th percentile", percentile));
  return out;
}

// The timeline thinned to at most kMaxPlotPoints: each drawn point combines consecutive seconds,
// keeping the worst p99 and max, the median-of-seconds p50 and the mean rates.
json thinned(const json& timeline, std::size_t& combined) {
  const std::size_t n = timeline.size();
  combined = n > kMaxPlotPoints ? (n + kMaxPlotPoints - 1) / kMaxPlotPoints : 1;
  if (combined == 1) return timeline;
  json out = json::array();
  for (std::size_t start = 0; start < n; start += combined) {
    const std::size_t end = std::min(n, start + combined);
    std::vector<double> p50;
    double p99 = 0, max = 0, requests = 0, failed = 0, rate = 0;
    for (std::size_t i = start; i < end; ++i) {
      const json& p = timeline[i];
      p50.push_back(num(p, "p50_ms"));
      p99 = std::max(p99, num(p, "p99_ms"));
      max = std::max(max, num(p, "max_ms"));
      requests += num(p, "requests"), failed += num(p, "failed"), rate += num(p, "target_rate");
    }
    std::nth_element(p50.begin(), p50.begin() + static_cast<long>(p50.size() / 2), p50.end());
    const double k = static_cast<double>(end - start);
    out.push_back({{"t", num(timeline[end - 1], "t")}, {"p50_ms", p50[p50.size() / 2]}, {"p99_ms", p99}, {"max_ms", max},
                   {"requests", requests / k}, {"failed", failed / k}, {"target_rate", rate / k}});
  }
  return out;
}

std::vector<PlotLimit> limitsFor(const json& r) {
  bool command = false;
  for (const auto& i : r.value("interactions", json::array())) command = command || str(i, "kind") == "command";
  // The strictest kind present: a command's limits if any command ran.
  if (command) return {{100, "command SHOULD 100 ms", "#b8860b"}, {250, "command SHALL 250 ms", "#b3261e"}};
  return {{1000, "query SHOULD 1,000 ms", "#b8860b"}, {3000, "query SHALL 3,000 ms", "#b3261e"}};
}

std::string plots(const json& r) {
  std::size_t combined = 1;
  const json points = thinned(r.value("timeline", json::array()), combined);
  PlotSeries p50{"p50", "#3b6ea5", false, {}}, p99{"p99", "#d97706", false, {}}, max{"max", "#b3261e", false, {}};
  PlotSeries rps{"requests/s", "#3b6ea5", false, {}}, failed{"failed/s", "#b3261e", false, {}}, target{"target rate", "#555", true, {}};
  double maxV = 0, minV = 1e300;
  for (const auto& p : points) {
    const double t = num(p, "t");
    p50.points.emplace_back(t, num(p, "p50_ms"));
    p99.points.emplace_back(t, num(p, "p99_ms"));
    max.points.emplace_back(t, num(p, "max_ms"));
    rps.points.emplace_back(t, num(p, "requests"));
    failed.points.emplace_back(t, num(p, "failed"));
    target.points.emplace_back(t, num(p, "target_rate"));
    maxV = std::max(maxV, num(p, "max_ms"));
    if (num(p, "p50_ms") > 0) minV = std::min(minV, num(p, "p50_ms"));
  }
  LinePlot latency{"Response time over time", "time since start", "ms", {p50, p99, max}, limitsFor(r), maxV > 0 && maxV / minV > 50};
  std::vector<PlotSeries> throughput = {rps, failed};
  if (str(r.value("shape", json::object()), "model") == "open") throughput.push_back(target);
  LinePlot rate{"Throughput over time", "time since start", "per second", throughput, {}, false};
  std::string out = renderLinePlot(latency) + renderLinePlot(rate);
  if (combined > 1)
    out += fmt::format(R"(<p class="note">{} seconds are combined into each plotted point (worst p99 and max, median p50, mean rates).</p>)", combined);
  if (latency.logY) out += R"(<p class="note">Response times on a logarithmic scale.</p>)";
  for (const auto& i : r.value("interactions", json::array())) {
    std::vector<std::pair<double, double>> buckets;
    for (const auto& b : i.value("histogram", json::array()))
      if (b.is_array() && b.size() == 2 && b[0].is_number() && b[1].is_number()) buckets.emplace_back(b[0].get<double>(), b[1].get<double>());
    const std::vector<PlotLimit> marks = {{num(i, "should_ms"), "SHOULD", "#b8860b"}, {num(i, "shall_ms"), "SHALL", "#b3261e"}};
    out += renderHistogram(str(i, "interaction") + " (" + str(i, "kind") + "): response times", buckets, marks);
  }
  return out;
}

std::string mixTable(const json& r) {
  std::string out = R"(<div class="scroll"><table><thead><tr><th>case</th><th>title</th><th>weight</th><th>patients</th>)"
                    R"(<th>iterations</th><th>failed</th></tr></thead><tbody>)";
  for (const auto& m : r.value("profile", json::object()).value("mix", json::array())) {
    std::string patients;
    for (const auto& p : m.value("patients", json::array())) patients += (patients.empty() ? "" : ", ") + (p.is_string() ? p.get<std::string>() : p.dump());
    out += "<tr><td>" + esc(str(m, "case")) + "</td><td class=\"text\">" + esc(str(m, "title")) + "</td>";
    out += fmt::format("<td>{}</td><td class=\"text\">{}</td><td>{:.0f}</td><td>{:.0f}</td></tr>", shortNumber(num(m, "weight")),
                       esc(patients.empty() ? "(the case's own)" : patients), num(m, "iterations"), num(m, "failed"));
  }
  return out + "</tbody></table></div>";
}

std::string failures(const json& r) {
  const json list = r.value("failures", json::array());
  if (list.empty()) return "<p>No iteration failed.</p>";
  std::string out;
  for (const auto& f : list) {
    out += fmt::format("<h3>{:.0f} &times; {}</h3>", num(f, "count"), esc(str(f, "reason")));
    out += "<p class=\"note\">for example case " + esc(str(f, "case")) + "</p>";
    if (!str(f, "example").empty()) out += "<pre>" + esc(str(f, "example")) + "</pre>";
  }
  return out;
}

std::string harness(const json& r) {
  const json& h = r.value("harness", json::object());
  return fmt::format(
      R"(<p>{:.2f} s of CPU on the load thread ({:.3f} ms per request: curl, checks and sampled validation; an embedded provider's )"
      R"(threads are not counted), peak RSS {:.0f} MB. Profile validation of 1 iteration in {}.</p>)",
      num(h, "cpu_seconds"), num(h, "cpu_ms_per_request"), num(h, "peak_rss_mb"),
      shortNumber(num(r.value("budgets", json::object()), "validate_every")));
}

}  // namespace

std::string renderLoadPage(const json& r) {
  std::string title = "gpc-assure load: " + str(r.value("profile", json::object()), "name");
  std::string page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
                     esc(title) + "</title><style>" + kStyle + "</style></head><body>";
  page += "<h1>" + esc(title) + "</h1>" + banner(r) + facts(r);
  page += "<h2>Interactions against the limits</h2>" + interactionTable(r);
  page += "<h2>Over time</h2>" + plots(r);
  page += "<h2>Mix</h2>" + mixTable(r);
  page += "<h2>Failures</h2>" + failures(r);
  page += "<h2>Harness</h2>" + harness(r);
  return page + "</body></html>\n";
}

}  // namespace gpc::reporters
