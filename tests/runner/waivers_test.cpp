// Waiver files and how a waiver changes a case (runner/assure/waivers.h).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "runner/assure/waivers.h"
#include "runner/core/load_error.h"

namespace gpc::assure {
namespace {

namespace fs = std::filesystem;

class WaiverFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("gpc-waivers-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
  }
  void TearDown() override { fs::remove(path_); }
  std::string write(const std::string& text) {
    std::ofstream(path_) << text;
    return path_.string();
  }
  // The message of the LoadError loading `text` throws.
  std::string errorOf(const std::string& text) {
    try {
      loadWaivers(write(text));
    } catch (const LoadError& e) {
      return e.what();
    }
    return "(no error)";
  }
  fs::path path_;
};

constexpr const char* kOne = R"({"waivers": [{"case": "SEC-HDR-*", "reason": "fix due in release 4",
  "reference": "DEV-12", "approved_by": "A. Reviewer", "expires": "2027-03-31"}]})";

TEST_F(WaiverFile, ReadsEveryField) {
  const auto waivers = loadWaivers(write(kOne));
  ASSERT_EQ(waivers.size(), 1u);
  EXPECT_EQ(waivers[0].caseGlob, "SEC-HDR-*");
  EXPECT_EQ(waivers[0].reason, "fix due in release 4");
  EXPECT_EQ(waivers[0].reference, "DEV-12");
  EXPECT_EQ(waivers[0].approvedBy, "A. Reviewer");
  EXPECT_EQ(waivers[0].expires, "2027-03-31");
}

TEST_F(WaiverFile, ErrorsNameFileAndJsonPath) {
  const std::string file = path_.string();
  EXPECT_EQ(errorOf(R"({"waivers": [{"case": "A", "reason": "r", "reference": "T", "approved_by": "w"}]})"),
            file + ": /waivers/0: missing required field \"expires\"");
  EXPECT_EQ(errorOf(R"({"waivers": [{"case": "A", "reason": "r", "reference": "T", "approved_by": "w",
                       "expires": "2027-02-29"}]})"),
            file + ": /waivers/0/expires: '2027-02-29' is not a date (expected YYYY-MM-DD)");
  EXPECT_EQ(errorOf(R"({"waivers": [{"case": "", "reason": "r", "reference": "T", "approved_by": "w",
                       "expires": "2027-01-01"}]})"),
            file + ": /waivers/0/case: must not be empty");
  EXPECT_NE(errorOf(R"({"waivers": [{"case": "A", "reason": "r", "reference": "T", "approved_by": "w",
                       "expires": "2027-01-01", "expiry": "x"}]})").find(file + ": /waivers/0"), std::string::npos);
  EXPECT_NE(errorOf(R"({"waiver": []})").find(file), std::string::npos);
  EXPECT_NE(errorOf("{not json").find(file), std::string::npos);
  EXPECT_NE(errorOf(R"({"waivers": [{"case": 3}]})").find("/waivers/0/case"), std::string::npos);
}

TEST_F(WaiverFile, LeapDayIsADate) {
  EXPECT_NO_THROW(loadWaivers(write(R"({"waivers": [{"case": "A", "reason": "r", "reference": "T",
                                        "approved_by": "w", "expires": "2028-02-29"}]})")));
}

TEST(MissingWaiverFile, IsALoadErrorNamingIt) {
  try {
    loadWaivers("/nonexistent/waivers.json");
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/waivers.json"), std::string::npos) << e.what();
  }
}

CaseResult caseOf(std::string id, Verdict verdict) {
  CaseResult c;
  c.info.id = std::move(id);
  c.verdict = verdict;
  c.reason = verdict == Verdict::Passed ? "" : "status: expected 200, got 500";
  return c;
}

Waiver waiver(std::string glob, std::string expires, std::string reference = "DEV-12") {
  return Waiver{std::move(glob), "accepted", std::move(reference), "A. Reviewer", std::move(expires)};
}

TEST(ApplyWaivers, AFailureInForceBecomesWaivedKeepingItsReason) {
  CaseResult c = caseOf("SEC-HDR-001", Verdict::Errored);
  applyWaivers(c, {waiver("SEC-*", "2027-03-31")}, "2027-03-31");  // the expiry day still counts
  EXPECT_EQ(c.verdict, Verdict::Waived);
  EXPECT_EQ(c.reason, "status: expected 200, got 500");
  ASSERT_TRUE(c.waiver);
  EXPECT_EQ(c.waiver->original, Verdict::Errored);
  EXPECT_FALSE(c.waiver->expired);
}

TEST(ApplyWaivers, AnExpiredWaiverLeavesTheFailureAndSaysSo) {
  CaseResult c = caseOf("SEC-HDR-001", Verdict::Failed);
  applyWaivers(c, {waiver("SEC-*", "2027-03-31")}, "2027-04-01");
  EXPECT_EQ(c.verdict, Verdict::Failed);
  EXPECT_EQ(c.reason, "waiver DEV-12 expired on 2027-03-31: status: expected 200, got 500");
  ASSERT_TRUE(c.waiver);
  EXPECT_TRUE(c.waiver->expired);
}

TEST(ApplyWaivers, PassesSkipsAndOtherIdsAreUntouched) {
  for (Verdict v : {Verdict::Passed, Verdict::Skipped}) {
    CaseResult c = caseOf("SEC-HDR-001", v);
    applyWaivers(c, {waiver("SEC-*", "2027-03-31")}, "2027-01-01");
    EXPECT_EQ(c.verdict, v);
    EXPECT_FALSE(c.waiver);
  }
  CaseResult other = caseOf("FND-001", Verdict::Failed);
  applyWaivers(other, {waiver("SEC-*", "2027-03-31")}, "2027-01-01");
  EXPECT_EQ(other.verdict, Verdict::Failed);
  EXPECT_FALSE(other.waiver);
}

TEST(ApplyWaivers, TheFirstMatchingWaiverInFileOrderApplies) {
  CaseResult c = caseOf("SEC-HDR-001", Verdict::Failed);
  applyWaivers(c, {waiver("FND-*", "2027-03-31", "A"), waiver("SEC-HDR-00?", "2027-03-31", "B"),
                   waiver("*", "2027-03-31", "C")},
               "2027-01-01");
  ASSERT_TRUE(c.waiver);
  EXPECT_EQ(c.waiver->waiver.reference, "B");
}

TEST(UnusedWaivers, WarnWhenMatchingNothingOrNothingThatFailed) {
  std::vector<CaseResult> cases{caseOf("SEC-HDR-001", Verdict::Failed), caseOf("FND-001", Verdict::Passed)};
  const std::vector<Waiver> waivers{waiver("SEC-*", "2027-03-31", "A"), waiver("FND-*", "2027-03-31", "B"),
                                    waiver("DOC-*", "2027-03-31", "C")};
  applyWaivers(cases[0], waivers, "2027-01-01");
  const auto warnings = unusedWaiverWarnings(waivers, cases);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0], "waiver 2 ('FND-*', B) matches 1 case, none of which failed");
  EXPECT_EQ(warnings[1], "waiver 3 ('DOC-*', C) matches no case of this run");
}

TEST(TodayUtc, IsACalendarDate) {
  const std::string today = todayUtc();
  ASSERT_EQ(today.size(), 10u);
  EXPECT_EQ(today[4], '-');
  EXPECT_EQ(today[7], '-');
  EXPECT_GE(today, "2024-01-01");
}

}  // namespace
}  // namespace gpc::assure
