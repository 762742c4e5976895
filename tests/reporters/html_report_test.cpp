#include <gtest/gtest.h>

#include <regex>

#include "reporters/html_report.h"
#include "reporters/html_text.h"
#include "reporters/reporters.h"
#include "reporters/run_json.h"
#include "reporters/text_safety.h"
#include "sample_results.h"
#include "temp_dir.h"

namespace gpc::reporters {
namespace {

using testing::hostileRun;
using testing::sampleRun;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, EscapesEveryByteFromTheTarget) {
  const std::string html = renderHtmlReport(hostileRun());
  EXPECT_EQ(count(html, "<script"), 1u) << "only the report's own filter script";
  EXPECT_EQ(html.find("alert('x')"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;/textarea&gt;&quot;quoted&quot; &amp;"),
            std::string::npos);
  EXPECT_EQ(html.find("</textarea>"), std::string::npos);
  EXPECT_EQ(html.find('\0'), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_TRUE(isValidUtf8(html));
  EXPECT_NE(html.find("Not valid UTF-8"), std::string::npos);
}

TEST(HtmlReport, IsSelfContained) {
  std::string html = renderHtmlReport(hostileRun()) + renderHtmlReport(sampleRun());
  // Links to the specification pages are navigation, not loading: take them out first.
  const std::regex specLink(R"(<a href="https://developer\.nhs\.uk/apis/gpconnect-[0-9-]+/[a-z0-9_]+\.html(#[a-z0-9-]+)?" rel="noreferrer">)");
  EXPECT_TRUE(std::regex_search(html, specLink));
  html = std::regex_replace(html, specLink, "");
  // So are links to a case further down the same page (requirement matrix, waivers, changes).
  const std::regex inPage(R"(<a href="#case-[^"<>]*">)");
  EXPECT_TRUE(std::regex_search(html, inPage));
  html = std::regex_replace(html, inPage, "");
  const std::regex external(R"((src|href)\s*=|<link|<img|<iframe|@import|url\()", std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, external));
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
}

TEST(HtmlReport, ShowsRunCasesEvidenceAndSummaryByCapability) {
  const RunResult r = sampleRun();
  const std::string html = renderHtmlReport(r);
  EXPECT_NE(html.find("embedded reference provider"), std::string::npos);
  EXPECT_NE(html.find("gpc-assure 0.1.0"), std::string::npos);
  EXPECT_NE(html.find("2024-05-01T09:30:00Z"), std::string::npos);
  EXPECT_NE(html.find("<tr><td>foundations</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                      "<td class=\"n\">0</td><td class=\"n\">0</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>security</td><td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">0</td>"
                      "<td class=\"n\">1</td><td class=\"n\">1</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("data-verdict=\"failed\" id=\"case-FND-PAT-READ-002\" open"), std::string::npos);
  EXPECT_NE(html.find("<dt>Requirement</dt><dd><a href=\"https://developer.nhs.uk/apis/gpconnect-1-6-0/"
                      "foundations_use_case_read_a_patient.html#response\" rel=\"noreferrer\">"
                      "foundations_use_case_read_a_patient#response</a></dd>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<dt>Official scenario</dt><dd>PatientRead.feature: Read patient 404 if patient not found</dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>Reason</dt><dd>status: expected 200, got 404</dd>"), std::string::npos);
  EXPECT_NE(html.find("<th>Ssp-TraceID</th>"), std::string::npos);
  // JSON bodies and JWT claims are pretty-printed.
  EXPECT_NE(html.find("{\n  &quot;resourceType&quot;: &quot;Patient&quot;,"), std::string::npos);
  EXPECT_NE(html.find("&quot;iss&quot;: &quot;http://gpconnect-postman-url&quot;"), std::string::npos);
  for (const char* v : {"passed", "failed", "errored", "skipped"}) {
    EXPECT_NE(html.find(std::string("<input type=\"checkbox\" data-verdict=\"") + v + "\" checked>"), std::string::npos);
  }
}

TEST(HtmlReport, ShowsTheDigestOfTheCanonicalJsonAndFollowsEveryChange) {
  RunResult r = sampleRun();
  const std::string digest = resultDigest(r);
  const std::string html = renderHtmlReport(r);
  EXPECT_NE(html.find("<meta name=\"gpc-assure-result-sha256\" content=\"" + digest + "\">"), std::string::npos);
  r.cases[3].reason = "edited";
  EXPECT_EQ(renderHtmlReport(r).find(digest), std::string::npos);
}

TEST(HtmlReport, ShowsFaultsWhenTheReferenceProviderHadThem) {
  RunResult r = sampleRun();
  EXPECT_EQ(renderHtmlReport(r).find("faults switched on"), std::string::npos);
  r.info.faults = {"missing-cache-control"};
  EXPECT_NE(renderHtmlReport(r).find("faults switched on:</strong> <code>missing-cache-control</code>"),
            std::string::npos);
}

TEST(HtmlReport, TruncatesLargeBodiesWithANote) {
  RunResult r = sampleRun();
  std::string big(200 * 1024, 'a');
  big += "THE-END";
  r.cases[1].exchanges[0].response.body = big;  // a failed case: its evidence is shown in full
  const std::string html = renderHtmlReport(r, HtmlEvidence::All);
  EXPECT_EQ(html.find("THE-END"), std::string::npos);
  EXPECT_NE(html.find("Shown: the first 65536 of 204807 bytes; the JSON report has the whole body."), std::string::npos);
  // The default keeps a failing report light: 12 KiB of each judged body.
  EXPECT_NE(renderHtmlReport(r).find("Shown: the first 12288 of 204807 bytes"), std::string::npos);
  EXPECT_NE(canonicalJson(r).find("THE-END"), std::string::npos);
}

TEST(HtmlReport, PassingCasesKeepOneLinePerExchangeUnlessAllEvidenceIsAsked) {
  RunResult r = sampleRun();
  r.cases[0].exchanges[0].response.body = "PASSING-BODY";
  r.cases[1].exchanges[0].response.body = "FAILING-BODY";
  const std::string failedOnly = renderHtmlReport(r);
  EXPECT_EQ(failedOnly.find("PASSING-BODY"), std::string::npos);
  EXPECT_NE(failedOnly.find("FAILING-BODY"), std::string::npos);
  EXPECT_NE(failedOnly.find("<pre class=\"xsum\">GET http://127.0.0.1:8080/Patient/2 -&gt; 200, 12 ms\n</pre>"),
            std::string::npos);
  EXPECT_NE(failedOnly.find("<td><code>no-store</code></td>"), std::string::npos) << "checks are kept";
  const std::string all = renderHtmlReport(r, HtmlEvidence::All);
  EXPECT_NE(all.find("PASSING-BODY"), std::string::npos);
  EXPECT_EQ(all.find("class=\"xsum\""), std::string::npos);
}

TEST(HtmlReport, ReporterWritesTheFileAndItsOwnDigest) {
  TempDir dir;
  const RunResult r = sampleRun();
  const auto path = dir.path() / "report.html";
  makeHtmlReporter(path)->runFinished(r);
  const std::string html = readFile(path);
  EXPECT_EQ(html, renderHtmlReport(r));
  const std::string sidecar = readFile(dir.path() / "report.html.sha256");
  EXPECT_TRUE(std::regex_match(sidecar, std::regex("[0-9a-f]{64}  report\\.html\n"))) << sidecar;
}

TEST(HtmlReport, FindsAndFiltersLargeRuns) {
  const std::string html = renderHtmlReport(sampleRun());
  // Counts beside each verdict filter, a Find box, open/close buttons.
  EXPECT_NE(html.find("data-verdict=\"failed\" checked> failed (1)</label>"), std::string::npos);
  EXPECT_NE(html.find("data-verdict=\"passed\" checked> passed (1)</label>"), std::string::npos);
  EXPECT_NE(html.find("<input type=\"search\" id=\"find\""), std::string::npos);
  EXPECT_NE(html.find("id=\"expand\""), std::string::npos);
  EXPECT_NE(html.find("id=\"collapse\""), std::string::npos);
  // Find matches the whole text of a case (reasons, messages, evidence), read by the script.
  EXPECT_NE(html.find("c.textContent.toLowerCase()"), std::string::npos);
  EXPECT_NE(html.find("<details class=\"case\" data-verdict=\"errored\" id=\"case-SEC-HDR-001\" open>"),
            std::string::npos);
  EXPECT_NE(html.find("URLSearchParams"), std::string::npos) << "filters are kept in the URL hash";
  // The requirement is visible on the closed case line and above its checks.
  EXPECT_NE(html.find("(12 ms)</small><br><small class=\"req\">foundations_use_case_read_a_patient#response</small></summary>"),
            std::string::npos);
  EXPECT_NE(html.find("<p class=\"req\">Checks of <strong>foundations_use_case_read_a_patient#response</strong>:</p>"),
            std::string::npos);
}

}  // namespace
}  // namespace gpc::reporters

namespace gpc::reporters {
namespace {

TEST(HtmlReport, OpensWithTheOverallVerdictAndListsFailuresFirst) {
  const std::string failing = renderHtmlReport(sampleRun());
  EXPECT_NE(failing.find("<p class=\"banner fail\" id=\"verdict\"><strong>FAIL</strong> 1 passed, 1 failed, 1 errored, 1 skipped</p>"),
            std::string::npos);
  EXPECT_LT(failing.find("<p class=\"banner"), failing.find("<header>"));
  const auto failed = failing.find("id=\"case-FND-PAT-READ-002\"");
  const auto errored = failing.find("id=\"case-SEC-HDR-001\"");
  const auto skipped = failing.find("id=\"case-SEC-HDR-002\"");
  const auto passed = failing.find("id=\"case-FND-PAT-READ-001\"");
  EXPECT_LT(failed, errored);
  EXPECT_LT(errored, skipped);
  EXPECT_LT(skipped, passed);
  RunResult r = sampleRun();
  r.cases = {r.cases[0]};
  r.summary = summarise(r.cases);
  EXPECT_NE(renderHtmlReport(r).find("<p class=\"banner pass\" id=\"verdict\"><strong>PASS</strong> 1 passed, 0 failed"),
            std::string::npos);
}

TEST(HtmlReport, MarksTheResponseLinesAFailingCheckNames) {
  RunResult r = sampleRun();
  CaseResult& c = r.cases[1];
  c.exchanges[0].response.body = R"({"resourceType":"Patient","identifier":[{"system":"x","value":"1"}],"active":true})";
  c.checks.push_back({"fhirpath", "Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').exists()", false,
                      "no NHS number", "true", "false", "main"});
  const std::string html = renderHtmlReport(r);
  EXPECT_NE(html.find("<mark>  &quot;identifier&quot;: [</mark>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<mark>  &quot;active&quot;"), std::string::npos);
}

TEST(HtmlText, RequirementPagesBecomeLinksToTheirSpecification) {
  EXPECT_EQ(requirementLinks("foundations/foundations_use_case_read_a_patient#response (SHALL)", "1.6.2"),
            "<a href=\"https://developer.nhs.uk/apis/gpconnect-1-6-0/foundations_use_case_read_a_patient.html#response\" "
            "rel=\"noreferrer\">foundations/foundations_use_case_read_a_patient#response</a> (SHALL)");
  EXPECT_EQ(requirementLinks("RFC 7231 section 5.3.4; development/development_general_api_guidance#http-compression", "1.6.2"),
            "RFC 7231 section 5.3.4; <a href=\"https://developer.nhs.uk/apis/gpconnect-1-6-0/"
            "development_general_api_guidance.html#http-compression\" rel=\"noreferrer\">"
            "development/development_general_api_guidance#http-compression</a>");
  EXPECT_NE(requirementLinks("accessrecord/accessrecord_html_layout (banner)", "0.7.4").find("gpconnect-0-7-4/accessrecord_html_layout.html"),
            std::string::npos);
  EXPECT_EQ(requirementLinks("<b>free text</b>", "1.6.2"), "&lt;b&gt;free text&lt;/b&gt;");
}

TEST(HtmlText, ElementNamesComeFromFailingChecksOfTheStep) {
  const std::vector<CheckResult> checks = {
      {"fhirpath", "Patient.identifier.where(system='x').value", false, "", "", "", "main"},
      {"profile", "Patient.name[0].family", false, "", "", "", "main"},
      {"header", "Cache-Control", false, "", "", "", "main"},
      {"fhirpath", "Patient.gender", true, "", "", "", "main"},
      {"fhirpath", "Patient.birthDate", false, "", "", "", "other"}};
  EXPECT_EQ(failingElementNames(checks, "main"), (std::vector<std::string>{"identifier", "family"}));
}

}  // namespace
}  // namespace gpc::reporters
