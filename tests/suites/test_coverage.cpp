// The coverage computation on small, hand-made inputs: each status, example expansion of
// `official`, and the errors it must name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "runner/coverage/coverage.h"
#include "runner/coverage/coverage_command.h"

namespace fs = std::filesystem;
using namespace gpc::coverage;

namespace {

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("gpc-coverage-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_ / "suites" / "x");
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path path() const { return path_; }
  void write(const fs::path& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel) << text;
  }

 private:
  fs::path path_;
};

const char* kTsv =
    "branch\tfeature_file\tscenario_title\toutline_example_rows\tcategory\n"
    "feature/1.6.0\tJWT.feature\tJWT - Everything normal test\t0\tjwt\n"
    "release/0.7.3\tJWT.feature\tJWT - Everything normal test\t0\tjwt\n"
    "feature/1.6.0\tJWT.feature\tJWT missing sub claim\t0\tjwt\n"
    "feature/1.6.0\tSSP.feature\tSSP - CORS\t17\tssp\n"
    "feature/1.6.0\tAppointmentBook.feature\tBook appointment caching\t0\theaders\n"
    "feature/1.6.0\tStructuredAllergies.feature\tAllergy caching\t0\theaders\n"
    "feature/1.6.0\tPatientRead.feature\tRead patient caching\t0\theaders\n";

const char* kSuite = R"({
  "suite": "x", "capability": "security", "spec": "1.6.2",
  "cases": [
    { "id": "A-{k}", "title": "t", "requirement": "page#{k}",
      "official": "{official}",
      "examples": [ { "k": "1", "official": ["JWT.feature: JWT - Everything normal test"] },
                    { "k": "2", "official": [] } ],
      "request": {}, "expect": {} },
    { "id": "B", "title": "t", "requirement": "page#b",
      "official": ["PatientRead.feature: Read patient caching", "Nope.feature: not a scenario"],
      "request": {}, "expect": {} }
  ]
})";

const char* kReasons = R"({
  "scenarios": { "SSP.feature: SSP - CORS": "SSP-proxy-only behaviour" },
  "features": { "Appointment*.feature": "appointments are out of scope" },
  "delegated": { "Structured*.feature": "suites part 2" }
})";

}  // namespace

TEST(OfficialScenarios, ReadsRowsAndNamesBadLines) {
  TempDir dir;
  dir.write("s.tsv", kTsv);
  auto rows = loadOfficialScenarios(dir.path() / "s.tsv");
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[3].reference(), "SSP.feature: SSP - CORS");
  EXPECT_EQ(rows[3].exampleRows, 17);

  dir.write("bad.tsv", std::string(kTsv) + "feature/1.6.0\tX.feature\tonly three\n");
  try {
    loadOfficialScenarios(dir.path() / "bad.tsv");
    FAIL() << "a short row must be rejected";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.tsv:9:"), std::string::npos) << e.what();
  }
  dir.write("count.tsv", std::string(kTsv) + "feature/1.6.0\tX.feature\tt\tmany\tjwt\n");
  EXPECT_THROW(loadOfficialScenarios(dir.path() / "count.tsv"), std::runtime_error);
}

TEST(SuiteTraces, ExpandsExamplesIncludingWholeValueOfficialColumns) {
  TempDir dir;
  dir.write("suites/x/s.json", kSuite);
  dir.write("suites/interactions.json", "{}");
  auto traces = readSuiteTraces(dir.path() / "suites");
  EXPECT_TRUE(traces.problems.empty());
  ASSERT_EQ(traces.cases.size(), 3u);
  EXPECT_EQ(traces.cases[0].caseId, "A-1");
  EXPECT_EQ(traces.cases[0].requirement, "page#1");
  ASSERT_EQ(traces.cases[0].official.size(), 1u);
  EXPECT_TRUE(traces.cases[1].official.empty());
  EXPECT_EQ(traces.cases[2].file, "suites/x/s.json");
}

TEST(SuiteTraces, NamesBrokenFilesAndCases) {
  TempDir dir;
  dir.write("suites/x/broken.json", "{ not json");
  dir.write("suites/x/nocases.json", R"({"suite": "y"})");
  dir.write("suites/x/badofficial.json", R"({"cases": [{"id": "C", "official": [3]}]})");
  auto traces = readSuiteTraces(dir.path() / "suites");
  ASSERT_EQ(traces.problems.size(), 3u);
  EXPECT_NE(traces.problems[0].find("badofficial.json: /cases/0/official/0"), std::string::npos);
  EXPECT_NE(traces.problems[1].find("broken.json: not valid JSON"), std::string::npos);
  EXPECT_NE(traces.problems[2].find("nocases.json: /cases"), std::string::npos);
}

TEST(Coverage, ClassifiesEveryScenario) {
  TempDir dir;
  dir.write("s.tsv", kTsv);
  dir.write("suites/x/s.json", kSuite);
  dir.write("r.json", kReasons);
  auto report = computeCoverage(loadOfficialScenarios(dir.path() / "s.tsv"),
                                readSuiteTraces(dir.path() / "suites").cases,
                                loadNotApplicable(dir.path() / "r.json"), {"jwt", "ssp", "headers"});
  ASSERT_EQ(report.categories.size(), 3u);
  const auto& jwt = report.categories[0];
  // Both branches' "Everything normal" rows are covered by one reference; "missing sub" is not.
  EXPECT_EQ(jwt.count(Status::Covered), 2);
  EXPECT_EQ(jwt.count(Status::NotCovered), 1);
  EXPECT_NEAR(jwt.accountedPercent(), 66.67, 0.01);
  EXPECT_EQ(report.categories[1].count(Status::NotApplicable), 1);
  const auto& headers = report.categories[2];
  EXPECT_EQ(headers.count(Status::NotApplicable), 1);  // appointments, by feature glob
  EXPECT_EQ(headers.count(Status::Delegated), 1);      // structured, owned elsewhere
  EXPECT_EQ(headers.count(Status::Covered), 1);
  EXPECT_DOUBLE_EQ(headers.accountedPercent(), 100.0);
  ASSERT_EQ(report.unknownReferences.size(), 1u);
  EXPECT_EQ(report.unknownReferences[0], "Nope.feature: not a scenario (case B)");
  EXPECT_TRUE(report.unknownReasons.empty());
}

TEST(Coverage, ReasonsNamingNoScenarioAreReported) {
  NotApplicable reasons;
  reasons.scenarios["Gone.feature: vanished"] = "why";
  reasons.features["Nothing*.feature"] = "why";
  auto report = computeCoverage({OfficialScenario{"b", "A.feature", "t", 0, "jwt"}}, {}, reasons, {});
  EXPECT_EQ(report.unknownReasons.size(), 2u);
}

TEST(CoverageCommand, ExitCodesAndFormats) {
  TempDir dir;
  dir.write("s.tsv", kTsv);
  dir.write("suites/x/s.json", kSuite);
  dir.write("suites/official-not-applicable.reasons", kReasons);
  CoverageArgs args{dir.path() / "s.tsv", dir.path() / "suites", {}, {"headers"}, "markdown", {}};
  std::ostringstream out, err;
  // The suite names an unknown scenario: reported and exit 1.
  EXPECT_EQ(runCoverageCommand(args, out, err), 1);
  EXPECT_NE(out.str().find("| headers | 3 | 1 | 1 | 1 | 0 | 100.0% |"), std::string::npos) << out.str();
  EXPECT_NE(err.str().find("1 unknown official reference"), std::string::npos) << err.str();

  args.format = "yaml";
  EXPECT_EQ(runCoverageCommand(args, out, err), 2);
  args.format = "text";
  args.categories = {"nosuch"};
  err.str("");
  EXPECT_EQ(runCoverageCommand(args, out, err), 2);
  EXPECT_NE(err.str().find("unknown category 'nosuch'"), std::string::npos);
  args.categories = {"jwt"};
  args.minPercent = 95.0;
  err.str("");
  EXPECT_EQ(runCoverageCommand(args, out, err), 1);
  EXPECT_NE(err.str().find("category jwt accounts for 66.7% < 95.0%"), std::string::npos) << err.str();
  args.officialTsv = dir.path() / "missing.tsv";
  EXPECT_EQ(runCoverageCommand(args, out, err), 2);
}
