// `gpc-assure run` through the real binary: exit codes 0/1/2, reports, --base-url, --jobs.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "cli_workspace.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CliRun, ExitsZeroWhenEveryCasePassesAndWritesAllReports) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                            ws.suites().string(), "--out", ws.reports().string()});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("3 passed, 0 failed, 0 errored, 0 skipped"), std::string::npos) << r.out;
  for (const char* report : {"junit.xml", "report.json", "report.html"})
    EXPECT_TRUE(fs::exists(ws.reports() / report)) << report;
  EXPECT_NE(slurp(ws.reports() / "junit.xml").find("TINY-B-001"), std::string::npos);
}

TEST(CliRun, ExitsOneWhenACaseFails) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(500);
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                            ws.suites().string(), "--out", ws.reports().string(), "--case", "TINY-A-001"});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("TINY-A-001"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 passed, 1 failed"), std::string::npos) << r.out;
}

TEST(CliRun, BaseUrlReplacesSchemeHostAndPortKeepingThePath) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  const auto target = ws.writeTarget("https://provider.example.invalid:8443/B82617/STU3/1/gpconnect");
  const auto r = gpcAssure({"run", "--target", target.string(), "--base-url", provider.root(), "--suites-dir",
                            ws.suites().string(), "--out", ws.reports().string(), "--case", "TINY-A-001"});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  const auto paths = provider.paths();
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_EQ(paths[0], "/B82617/STU3/1/gpconnect/metadata");
}

TEST(CliRun, ABaseUrlRunIsNotLabelledTheEmbeddedProvider) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  const auto r = gpcAssure({"run", "--base-url", provider.root(), "--suites-dir", ws.suites().string(), "--out",
                            ws.reports().string(), "--case", "TINY-A-001"});
  const auto report = nlohmann::json::parse(slurp(ws.reports() / "report.json"));
  const std::string name = report["run"]["target_name"];
  EXPECT_EQ(name.rfind(provider.root(), 0), 0u) << name << "\n" << r.out << r.err;
  EXPECT_EQ(name.find("embedded"), std::string::npos) << name;
  EXPECT_NE(r.out.find("against " + provider.root()), std::string::npos) << r.out;
}

TEST(CliRun, ExitsTwoForATargetFileWithAnUnknownKeyNamingFileAndPath) {
  CliWorkspace ws;
  ws.writeTinySuites();
  const auto target = ws.writeTarget("http://127.0.0.1:1/x", R"(, "tls": {"verfy": true})");
  const auto r = gpcAssure({"run", "--target", target.string(), "--suites-dir", ws.suites().string(), "--out",
                            ws.reports().string()});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("target.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/tls/verfy"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(ws.reports() / "junit.xml")) << "no run, no report";
}

TEST(CliRun, ExitsTwoForABadSuiteFileNamingFileAndPath) {
  CliWorkspace ws;
  ws.writeSuite("bad/broken.json", R"({"suite": "bad.one", "capability": "foundations", "spec": "1.6.2",
    "interaction": "read:metadata",
    "cases": [{"id": "BAD-001", "title": "t", "requirement": "r#s", "expect": {"status": "two hundred"}}]})");
  FakeProvider provider(200);
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                            ws.suites().string(), "--out", ws.reports().string()});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("broken.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/cases/0/expect/status"), std::string::npos) << r.err;
  EXPECT_TRUE(provider.paths().empty());
}

TEST(CliRun, ExitsTwoWhenNoCaseMatches) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                            ws.suites().string(), "--out", ws.reports().string(), "--tag", "no-such-tag"});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("no case matches the filters"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no-such-tag"), std::string::npos) << r.err;
  EXPECT_TRUE(provider.paths().empty());
}

TEST(CliRun, ExitsTwoForBadOptions) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"run", "--no-such-option"}, {"run", "--jobs", "0"}, {"run", "--jobs", "many"},
        {"run", "--target", "/no/such/target.json"}, {"no-such-command"}, {}}) {
    const auto r = gpcAssure(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.exitCode, 2) << joined << "\n" << r.out << r.err;
  }
}

TEST(CliRun, ReportChoosesWhichFilesAreWritten) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                            ws.suites().string(), "--out", ws.reports().string(), "--report", "json,junit-strict"});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_TRUE(fs::exists(ws.reports() / "report.json"));
  EXPECT_TRUE(fs::exists(ws.reports() / "junit.xml"));
  EXPECT_FALSE(fs::exists(ws.reports() / "report.html"));
  EXPECT_EQ(slurp(ws.reports() / "junit.xml").find("<system-out>GET"), std::string::npos)
      << "the strict shape has no per-case output";
}

TEST(CliRun, ReportNameEqualsPathWritesThatReportThere) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  const fs::path elsewhere = ws.root() / "ci" / "run.json";
  const auto r = gpcAssure({"run", "--target", ws.writeTarget(provider.foundations()).string(), "--suites-dir",
                            ws.suites().string(), "--out", ws.reports().string(), "--report",
                            "html,json=" + elsewhere.string()});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_TRUE(fs::exists(elsewhere));
  EXPECT_TRUE(fs::exists(ws.root() / "ci" / "run.json.sha256"));
  EXPECT_TRUE(fs::exists(ws.reports() / "report.html"));
  EXPECT_FALSE(fs::exists(ws.reports() / "report.json"));
  EXPECT_FALSE(fs::exists(ws.reports() / "junit.xml"));
}

TEST(CliRun, AnUnknownReportIsExitTwoNamingItAndTheKnownOnes) {
  CliWorkspace ws;
  const auto r = gpcAssure({"run", "--report", "junit,pdf", "--out", ws.reports().string()});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("unknown report 'pdf' (known: junit, junit-strict, json, html)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(ws.reports() / "junit.xml")) << "nothing runs";
  const auto typo = gpcAssure({"run", "--report", "jsno=x.json", "--out", ws.reports().string()});
  EXPECT_EQ(typo.exitCode, 2) << typo.out << typo.err;
  EXPECT_NE(typo.err.find("--report jsno=x.json: unknown report 'jsno' (known: junit, junit-strict, json, html); "
                          "did you mean 'json'?"),
            std::string::npos)
      << typo.err;
  const auto bad = gpcAssure({"run", "--evidence", "some", "--out", ws.reports().string()});
  EXPECT_EQ(bad.exitCode, 2) << bad.out << bad.err;
}

TEST(CliRun, ExitsTwoForAnUnknownFault) {
  const auto r = gpcAssure({"run", "--fault", "no-such-fault", "--out", "/tmp/gpc-unused-reports"});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("no-such-fault"), std::string::npos) << r.err;
}

TEST(CliRun, FaultWithATargetFileIsAUsageError) {
  CliWorkspace ws;
  ws.writeTinySuites();
  const auto r = gpcAssure({"run", "--target", ws.writeTarget("http://127.0.0.1:1/x").string(), "--suites-dir",
                            ws.suites().string(), "--fault", "no-cache-control"});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--fault"), std::string::npos) << r.err;
}

// Verdicts, reasons and checks in case order, from the JSON report (timings and trace ids
// differ between runs by nature, so they are left out).
std::vector<std::string> verdicts(const fs::path& reportJson) {
  const auto report = nlohmann::json::parse(slurp(reportJson));
  std::vector<std::string> out;
  for (const auto& c : report.at("cases")) {
    std::string line = c.at("id").get<std::string>() + ":" + c.at("verdict").get<std::string>() + ":" +
                       c.at("reason").get<std::string>();
    for (const auto& check : c.at("checks"))
      line += "|" + check.at("kind").get<std::string>() + "=" + (check.at("passed").get<bool>() ? "ok" : "no");
    out.push_back(line);
  }
  return out;
}

TEST(CliRun, FourJobsGiveTheSameResultsAsOne) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(500);  // TINY-A-002 passes (no-store), the others fail: a mixed result
  const auto target = ws.writeTarget(provider.foundations()).string();
  const auto one = gpcAssure({"run", "--target", target, "--suites-dir", ws.suites().string(), "--json",
                              (ws.root() / "one.json").string(), "--out", ws.reports().string(), "--jobs", "1"});
  const auto four = gpcAssure({"run", "--target", target, "--suites-dir", ws.suites().string(), "--json",
                               (ws.root() / "four.json").string(), "--out", ws.reports().string(), "--jobs", "4"});
  EXPECT_EQ(one.exitCode, 1) << one.out << one.err;
  EXPECT_EQ(four.exitCode, 1) << four.out << four.err;
  const auto a = verdicts(ws.root() / "one.json");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a, verdicts(ws.root() / "four.json"));
}

// The default target: the reference provider started in-process, with and without a fault.
TEST(CliRun, WithoutATargetRunsAgainstTheEmbeddedReferenceProvider) {
  // The project's metadata suite alone, so suites other engineers are editing cannot interfere.
  CliWorkspace ws;
  fs::create_directories(ws.suites() / "foundations");
  fs::copy_file(fs::path(GPC_SOURCE_DIR) / "suites" / "foundations" / "metadata.json",
                ws.suites() / "foundations" / "metadata.json");
  const auto clean = gpcAssure(
      {"run", "--case", "FND-MET-001", "--suites-dir", ws.suites().string(), "--out", ws.reports().string()});
  ASSERT_EQ(clean.exitCode, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("1 passed, 0 failed"), std::string::npos) << clean.out;
  const auto report = nlohmann::json::parse(slurp(ws.reports() / "report.json"));
  EXPECT_NE(report.dump().find("http://127.0.0.1:"), std::string::npos) << "evidence names the loopback provider";

  const auto faulty = gpcAssure({"run", "--case", "FND-MET-001", "--fault", "no-cache-control", "--suites-dir",
                                 ws.suites().string(), "--out", ws.reports().string()});
  EXPECT_EQ(faulty.exitCode, 1) << faulty.out << faulty.err;
  EXPECT_NE(faulty.out.find("Cache-Control"), std::string::npos) << faulty.out;
}

TEST(CliHelp, EveryCommandHasHelpAndThereIsAVersion) {
  for (const char* command : {"run", "list", "serve", "faults"}) {
    const auto r = gpcAssure({command, "--help"});
    EXPECT_EQ(r.exitCode, 0) << command << r.err;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << command << r.out;
  }
  const auto top = gpcAssure({"--help"});
  EXPECT_EQ(top.exitCode, 0);
  EXPECT_NE(top.out.find("run"), std::string::npos);
  const auto version = gpcAssure({"--version"});
  EXPECT_EQ(version.exitCode, 0);
  EXPECT_NE(version.out.find(GPC_VERSION), std::string::npos) << version.out;
}

TEST(CliFaults, ListsEveryKnownFault) {
  const auto r = gpcAssure({"faults"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
}

TEST(CliUsage, MistypedCommandsAndOptionsGetASuggestionAndTheProgramName) {
  auto r = gpcAssure({"rnu"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err.rfind("gpc-assure: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("did you mean `run` (not `rnu`)?"), std::string::npos) << r.err;
  r = gpcAssure({"run", "--jbos", "2"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("did you mean `--jobs` (not `--jbos`)?"), std::string::npos) << r.err;
  r = gpcAssure({"xyzzy"});  // nothing close: no guess
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
}

TEST(CliFaults, JsonFormatListsNameDescriptionAndRuleOfEachFault) {
  const auto text = gpcAssure({"faults"});
  const auto r = gpcAssure({"faults", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto list = nlohmann::json::parse(r.out);
  ASSERT_TRUE(list.is_array());
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0]["name"], "no-cache-control");
  for (const auto& f : list) {
    EXPECT_FALSE(f.value("description", "").empty()) << f.dump();
    EXPECT_NE(text.out.find(f.value("name", "?")), std::string::npos) << f.dump();
  }
  EXPECT_EQ(gpcAssure({"faults", "--format", "yaml"}).exitCode, 2);
}

TEST(CliRun, EnvironmentVariablesStandInForTargetAndOut) {
  CliWorkspace ws;
  ws.writeTinySuites();
  FakeProvider provider(200);
  const fs::path target = ws.writeTarget(provider.foundations());
  const auto r = runProcess({gpcAssureExe(), "run", "--suites-dir", ws.suites().string()},
                            {{"NO_COLOR", "1"}, {"GPC_ASSURE_TARGET", target.string()},
                             {"GPC_ASSURE_OUT", ws.reports().string()}});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_FALSE(provider.paths().empty()) << "the run did not reach the target named by GPC_ASSURE_TARGET";
  EXPECT_TRUE(fs::exists(ws.reports() / "report.json"));
  // The command line still wins over the environment.
  const fs::path elsewhere = ws.root() / "elsewhere";
  const auto cli = runProcess({gpcAssureExe(), "run", "--suites-dir", ws.suites().string(), "--out", elsewhere.string()},
                              {{"NO_COLOR", "1"}, {"GPC_ASSURE_TARGET", target.string()},
                               {"GPC_ASSURE_OUT", ws.reports().string()}});
  EXPECT_EQ(cli.exitCode, 0) << cli.err;
  EXPECT_TRUE(fs::exists(elsewhere / "report.json"));
}

// One structured-record case for patient2's medications that fails when any OperationOutcome
// (a disabled-area warning) comes back in the Bundle.
const char* const kMedicationsSuite = R"json({
  "suite": "t.structured", "capability": "structured", "spec": "1.6.2", "interaction": "gpc.getstructuredrecord",
  "cases": [{"id": "T-MED", "title": "medications, no warning", "requirement": "clinical_area_config",
    "request": {"body": {"json": {"resourceType": "Parameters", "parameter": [
      {"name": "patientNHSNumber", "valueIdentifier": {"system": "https://fhir.nhs.uk/Id/nhs-number",
                                                        "value": "{patients.patient2.nhsNumber}"}},
      {"name": "includeMedication"}]}}},
    "expect": {"status": 200, "assert": [{"fhirpath": "Bundle.entry.resource.ofType(OperationOutcome).empty()"}]}}]
})json";


// --disable-area reaches the embedded provider: the area's warning appears; unknown names and
// targets other than the embedded provider are usage errors.
TEST(CliRun, DisableAreaSwitchesAClinicalAreaOffInTheEmbeddedProvider) {
  CliWorkspace ws;
  fs::create_directories(ws.suites() / "structured");
  std::ofstream(ws.suites() / "structured" / "t.json") << kMedicationsSuite;
  const auto clean = gpcAssure({"run", "--suites-dir", ws.suites().string(), "--out", ws.reports().string()});
  EXPECT_EQ(clean.exitCode, 0) << clean.out << clean.err;
  const auto disabled = gpcAssure({"run", "--disable-area", "includeMedication", "--suites-dir", ws.suites().string(),
                                   "--out", ws.reports().string()});
  EXPECT_EQ(disabled.exitCode, 1) << disabled.out << disabled.err;

  const auto unknown = gpcAssure({"run", "--disable-area", "includeMedications", "--suites-dir", ws.suites().string(),
                                  "--out", ws.reports().string()});
  EXPECT_EQ(unknown.exitCode, 2) << unknown.out << unknown.err;
  EXPECT_NE(unknown.err.find("unknown clinical area \"includeMedications\""), std::string::npos) << unknown.err;
  const auto withTarget = gpcAssure({"run", "--target", ws.writeTarget("http://127.0.0.1:1/x").string(), "--suites-dir",
                                     ws.suites().string(), "--disable-area", "includeMedication"});
  EXPECT_EQ(withTarget.exitCode, 2) << withTarget.out << withTarget.err;
  EXPECT_NE(withTarget.err.find("--disable-area"), std::string::npos) << withTarget.err;
}

}  // namespace
}  // namespace gpc::testing
