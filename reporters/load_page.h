#pragma once
// The HTML page of a load run (`gpc-assure load` writes load.html): verdict, the per-interaction
// table against the GP Connect limits, latency and throughput over time, histograms, the mix and
// the failures. Self-contained: inline CSS and SVG, no script, no network, so it opens from a CI
// artifact or an e-mail and nothing a provider sent can run in it.

#include <string>

#include <nlohmann/json.hpp>

namespace gpc::reporters {

// From the load.json document (runner/load/load_result.h toJson), so a result read back renders
// the same page.
std::string renderLoadPage(const nlohmann::json& result);

}  // namespace gpc::reporters
