// The requirement matrix (reporters/requirement_matrix.h) and its CSV, JSON and HTML forms.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reporters/html_report.h"
#include "reporters/requirement_matrix.h"
#include "reporters/run_json.h"
#include "sample_results.h"

namespace gpc::reporters {
namespace {

using testing::sampleCase;

CaseResult citing(std::string id, Verdict verdict, std::string requirement) {
  CaseResult c = sampleCase(std::move(id), verdict);
  c.info.requirement = std::move(requirement);
  return c;
}

TEST(CitedRequirements, SplitAtSemicolonsOutsideParentheses) {
  EXPECT_EQ(citedRequirements("a#x; b (c; d);e "), (std::vector<std::string>{"a#x", "b (c; d)", "e"}));
  EXPECT_TRUE(citedRequirements("").empty());
  EXPECT_TRUE(citedRequirements(" ; ").empty());
  EXPECT_EQ(citedRequirements("unbalanced (a; b"), (std::vector<std::string>{"unbalanced (a; b"}));
}

TEST(RequirementMatrix, EachRequirementGetsItsCasesAndVerdict) {
  const std::vector<CaseResult> cases{
      citing("P1", Verdict::Passed, "page#all"),     citing("P2", Verdict::Passed, "page#all; page#mixed"),
      citing("F1", Verdict::Failed, "page#mixed"),   citing("S1", Verdict::Skipped, "page#none"),
      citing("S2", Verdict::Skipped, "page#part"),   citing("P3", Verdict::Passed, "page#part"),
      citing("W1", Verdict::Waived, "page#waived"),  citing("X1", Verdict::Passed, ""),
      citing("R1", Verdict::Flaky, "retry#flaky"),
  };
  const auto rows = requirementMatrix(cases);
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0].requirement, kNoRequirement);
  EXPECT_EQ(rows[0].caseIds, (std::vector<std::string>{"X1"}));
  EXPECT_EQ(rows[1].requirement, "page#all");
  EXPECT_EQ(rows[1].verdict, RequirementVerdict::AllPassed);
  EXPECT_EQ(rows[1].caseIds, (std::vector<std::string>{"P1", "P2"}));
  EXPECT_EQ(rows[2].requirement, "page#mixed");
  EXPECT_EQ(rows[2].verdict, RequirementVerdict::SomeFailed);
  EXPECT_EQ(rows[2].failed, 1);
  EXPECT_EQ(rows[3].requirement, "page#none");
  EXPECT_EQ(rows[3].verdict, RequirementVerdict::NotRun);
  EXPECT_EQ(rows[4].requirement, "page#part");
  EXPECT_EQ(rows[4].verdict, RequirementVerdict::SomeNotRun);
  EXPECT_EQ(rows[5].verdict, RequirementVerdict::SomeFailed) << "a waived failure is still a failure of the requirement";
  EXPECT_EQ(rows[5].waived, 1);
  EXPECT_EQ(rows[6].requirement, "retry#flaky");
  EXPECT_EQ(rows[6].verdict, RequirementVerdict::SomeFailed) << "a case that failed before it passed on a retry";
  EXPECT_EQ(rows[6].flaky, 1);
}

TEST(RequirementMatrix, WithoutARunEveryRequirementIsNotRun) {
  std::vector<CaseInfo> infos{citing("A", Verdict::Passed, "p#1").info, citing("B", Verdict::Passed, "p#1; p#2").info};
  const auto rows = requirementMatrix(infos);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) EXPECT_EQ(row.verdict, RequirementVerdict::NotRun);
  EXPECT_EQ(rows[0].notRun, 2);
}

TEST(RequirementCsv, FieldsAreQuotedOnlyWhenRfc4180SaysSo) {
  EXPECT_EQ(csvField("plain text; with semicolon"), "plain text; with semicolon");
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csvField(""), "");
}

TEST(RequirementCsv, HeaderThenOneCrlfLinePerRequirement) {
  const std::vector<CaseResult> cases{citing("A-1", Verdict::Passed, "dev#content-types (JSON, \"XML\")"),
                                      citing("B-1", Verdict::Failed, "dev#content-types (JSON, \"XML\")"),
                                      citing("C-1", Verdict::Errored, "found#read")};
  EXPECT_EQ(requirementMatrixCsv(requirementMatrix(cases)),
            "requirement,verdict,cases,passed,failed,errored,flaky,waived,not_run,case_ids\r\n"
            "\"dev#content-types (JSON, \"\"XML\"\")\",some failed,2,1,1,0,0,0,0,A-1 B-1\r\n"
            "found#read,some failed,1,0,0,1,0,0,0,C-1\r\n");
}

// A tiny RFC 4180 reader: the CSV must come back field for field, whatever the text held.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, inQuotes = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (inQuotes) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (ch == '"') {
        inQuotes = false;
      } else {
        field += ch;
      }
    } else if (ch == '"' && field.empty() && !quoted) {
      inQuotes = quoted = true;
    } else if (ch == ',') {
      rows.back().push_back(field);
      field.clear();
      quoted = false;
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      quoted = false;
      rows.emplace_back();
      ++i;
    } else {
      field += ch;
    }
  }
  rows.pop_back();  // after the final CRLF
  return rows;
}

TEST(RequirementCsv, RoundTripsHostileRequirementText) {
  const std::string nasty = "x, \"quoted\"\r\nnext line (a; b) " + testing::kHostile.substr(0, 20);
  const auto rows = parseCsv(requirementMatrixCsv(requirementMatrix(std::vector<CaseResult>{citing("A", Verdict::Passed, nasty)})));
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[1].size(), 10u);
  EXPECT_EQ(rows[1][0], nasty);
  EXPECT_EQ(rows[1][1], "all passed");
  EXPECT_EQ(rows[1][9], "A");
}

TEST(RequirementMatrix, JsonAndHtmlCarryIt) {
  RunResult r = testing::sampleRun();
  const auto doc = nlohmann::json::parse(canonicalJson(r));
  ASSERT_EQ(doc["requirements"].size(), 1u);
  EXPECT_EQ(doc["requirements"][0]["requirement"], "foundations_use_case_read_a_patient#response");
  EXPECT_EQ(doc["requirements"][0]["verdict"], "some_failed");
  EXPECT_EQ(doc["requirements"][0]["cases"].size(), 4u);
  EXPECT_EQ(doc["requirements"][0]["not_run"], 1);
  const std::string html = renderHtmlReport(r);
  EXPECT_NE(html.find("<section id=\"requirements\">"), std::string::npos);
  EXPECT_NE(html.find("1 cited: 0 all passed, 1 some failed, 0 some not run, 0 not run"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"v v-failed\">some failed</span> <small>1/4 passed</small>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#case-SEC-HDR-002\"><code>SEC-HDR-002</code></a>"), std::string::npos);
}

}  // namespace
}  // namespace gpc::reporters
