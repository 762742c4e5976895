// The load page (load.html) from a load.json document: the verdict banner, the limits table,
// hostile text escaped, plots that stay small and finite however long the run.
#include "reporters/load_page.h"

#include <gtest/gtest.h>

#include "reporters/load_plots.h"

namespace gpc::reporters {
namespace {

using nlohmann::json;

json sample(std::size_t seconds) {
  json timeline = json::array();
  for (std::size_t i = 0; i < seconds; ++i)
    timeline.push_back({{"t", i + 1.0}, {"requests", 50 + i % 7}, {"failed", i % 100 == 0 ? 1 : 0}, {"p50_ms", 3.0 + (i % 5)},
                        {"p99_ms", 40.0 + (i % 13)}, {"max_ms", 60.0 + (i % 17)}, {"in_flight", 8}, {"target_rate", 50}});
  return {
      {"schema", "gpc-assure-load"},
      {"tool_version", "1.0"},
      {"profile", {{"name", "mix <b>"}, {"file", "p.json"}, {"mix", {{{"case", "FND-PAT-SRCH-007"}, {"title", "t"}, {"weight", 3},
                                                                      {"patients", json::array()}, {"iterations", 10}, {"failed", 0}}}}}},
      {"target", {{"name", "provider"}}},
      {"shape", {{"model", "open"}, {"description", "50/s for 8h"}}},
      {"duration_seconds", static_cast<double>(seconds)},
      {"stopped", ""},
      {"budgets", {{"error_rate", 0}, {"percentile", 100}, {"validate_every", 10}}},
      {"totals", {{"requests", 1000}, {"requests_failed", 1}, {"tps", 50.5}, {"error_rate", 0.001}}},
      {"interactions",
       {{{"interaction", "gpc.registerpatient"}, {"kind", "command"}, {"shall_ms", 250}, {"should_ms", 100}, {"requests", 20},
         {"p50_ms", 20.5}, {"p90_ms", 80}, {"p99_ms", 123.4}, {"p99_9_ms", 300}, {"max_ms", 301.5}, {"standing", "over SHALL"},
         {"histogram", {{1.5, 3}, {20.2, 10}, {301.5, 1}}}}}},
      {"timeline", timeline},
      {"failures", {{{"reason", "</script><script>alert(1)</script>"}, {"count", 3}, {"case", "X"},
                     {"example", "GET http://h/\nHTTP 500\n<img src=x onerror=alert(1)> \u2028"}}}},
      {"verdict", {{"passed", false}, {"broken", {"gpc.registerpatient (command): max 301.5 ms is over the SHALL limit of 250 ms"}},
                   {"warnings", json::array()}}},
  };
}

TEST(LoadPage, FailBannerNamesWhatBroke) {
  const std::string page = renderLoadPage(sample(60));
  EXPECT_NE(page.find(R"(<div class="banner fail">)"), std::string::npos);
  EXPECT_NE(page.find("over the SHALL limit of 250 ms"), std::string::npos);
  EXPECT_NE(page.find("<td class=\"over-should\">123.4</td>"), std::string::npos);  // p99 over SHOULD (100)
  EXPECT_NE(page.find("<td class=\"over-shall\">301.5</td>"), std::string::npos);
  EXPECT_NE(page.find("command SHALL 250 ms"), std::string::npos);  // the limit line on the plot
}

TEST(LoadPage, ProviderTextIsEscaped) {
  const std::string page = renderLoadPage(sample(5));
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;/script&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_NE(page.find("mix &lt;b&gt;"), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);  // CSP: nothing may load or run
}

TEST(LoadPage, ASoakTimelineIsThinnedAndEverythingStaysFinite) {
  const std::string soak = renderLoadPage(sample(28800));  // 8 hours
  EXPECT_LT(soak.size(), 300u * 1024) << soak.size();
  EXPECT_NE(soak.find("48 seconds are combined"), std::string::npos);
  for (const char* bad : {"nan", "inf", "NaN"}) EXPECT_EQ(soak.find(bad), std::string::npos) << bad;
  json empty = sample(0);
  empty["interactions"] = json::array();
  const std::string none = renderLoadPage(empty);
  EXPECT_NE(none.find("no data"), std::string::npos);
  EXPECT_EQ(none.find("nan"), std::string::npos);
}

TEST(LoadPlots, DegenerateSeriesRenderWithoutNonFiniteNumbers) {
  LinePlot one{"one point", "t", "ms", {{"p50", "#000", false, {{1.0, 5.0}}}}, {}, false};
  LinePlot zeros{"zeros", "t", "ms", {{"p50", "#000", false, {{1.0, 0.0}, {2.0, 0.0}}}}, {}, true};
  LinePlot wild{"wild", "t", "ms", {{"p50", "#000", false, {{1.0, 1e12}, {2.0, std::nan("")}, {3.0, 0.001}}}}, {}, true};
  for (const auto& plot : {one, zeros, wild}) {
    const std::string svg = renderLinePlot(plot);
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_EQ(svg.find("nan"), std::string::npos) << plot.title;
    EXPECT_EQ(svg.find("inf"), std::string::npos) << plot.title;
  }
  EXPECT_NE(renderHistogram("h", {}, {}).find("no data"), std::string::npos);
  EXPECT_EQ(shortNumber(1500000), "1.5M");
  EXPECT_EQ(shortDuration(5400), "90m");
}

}  // namespace
}  // namespace gpc::reporters
