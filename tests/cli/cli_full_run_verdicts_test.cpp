// The whole shipped suite set against the embedded reference provider, through the real binary:
// every case id and its verdict must be those of tests/cli/data/full-run-verdicts.tsv, so a
// refactoring of the loader, the checks or the suite layout that drops, renames or re-judges a
// case fails here and says which. scripts/full-run-verdicts writes the list (same seed, same jobs).
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

using Verdicts = std::map<std::string, std::string>;  // case id -> verdict

Verdicts committedVerdicts() {
  std::ifstream in(fs::path(GPC_SOURCE_DIR) / "tests" / "cli" / "data" / "full-run-verdicts.tsv");
  Verdicts out;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) out[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return out;
}

Verdicts runVerdicts(const nlohmann::json& report) {
  Verdicts out;
  for (const auto& c : report.at("cases")) out[c.at("id").get<std::string>()] = c.at("verdict").get<std::string>();
  return out;
}

// Every difference by name, so a moved case reads as one removed id and one added.
std::string differences(const Verdicts& committed, const Verdicts& now) {
  std::ostringstream out;
  for (const auto& [id, verdict] : now)
    if (!committed.count(id)) out << "added:   " << id << '\t' << verdict << '\n';
  for (const auto& [id, verdict] : committed) {
    const auto it = now.find(id);
    if (it == now.end()) out << "removed: " << id << '\t' << verdict << '\n';
    else if (it->second != verdict) out << "changed: " << id << '\t' << verdict << " -> " << it->second << '\n';
  }
  return out.str();
}

TEST(CliFullRun, VerdictsAreThoseOfTheCommittedList) {
  const auto committed = committedVerdicts();
  ASSERT_FALSE(committed.empty()) << "tests/cli/data/full-run-verdicts.tsv is missing or empty";
  CliWorkspace ws;
  const auto r = gpcAssure({"run", "--seed", "1", "--jobs", "4", "--suites-dir",
                            (fs::path(GPC_SOURCE_DIR) / "suites").string(), "--report", "json", "--out",
                            ws.reports().string(), "-q"});
  ASSERT_LE(r.exitCode, 1) << r.out << r.err;  // 1 is a failed case: still verdicts to compare
  const auto report = nlohmann::json::parse(readText(ws.reports() / "report.json"));
  const auto now = runVerdicts(report);
  EXPECT_EQ(now.size(), report.at("cases").size()) << "a case id appears twice in the run";
  const auto diff = differences(committed, now);
  EXPECT_TRUE(diff.empty()) << diff
                            << "(if the change is meant: scripts/full-run-verdicts > tests/cli/data/full-run-verdicts.tsv,"
                               " and name the ids in the commit message)";
}

}  // namespace
}  // namespace gpc::testing
