// The xhtml-narrative named check: each FHIR narrative rule caught with the element path and the
// offending markup; the provider's kind of markup (tables, banners, &#160;, <br/>) passes.
#include <gtest/gtest.h>

#include "runner/checks/named_checks.h"
#include "runner/checks/xhtml_narrative.h"
#include "tests/runner/fakes.h"

namespace gpc::checks {
namespace {

using nlohmann::json;

// The rules broken by `div`, in order ("" when it passes).
std::string rules(const std::string& div) {
  std::string out;
  for (const auto& i : narrativeIssues(div)) out += (out.empty() ? "" : ",") + i.rule;
  return out;
}

const NarrativeIssue firstIssue(const std::string& div) {
  const auto issues = narrativeIssues(div);
  return issues.empty() ? NarrativeIssue{"", "", "(no issue)", ""} : issues.front();
}

TEST(XhtmlNarrative, ProviderStyleMarkupPasses) {
  EXPECT_EQ(rules("<div><h1>Encounters</h1><div class=\"date-banner\"><p>Data items from 01-Jan-2020</p></div>"
                  "<table id=\"enc-tab\"><thead><tr><th>Date</th></tr></thead><tbody><tr><td class=\"date-column\">03-Oct-2024</td>"
                  "<td>&#160;</td><td>a&#38;b &amp; &lt;c&gt; &#x41;<br/>line two</td></tr></tbody></table></div>"),
            "");
  EXPECT_EQ(rules("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>text</p></div>"), "");
  EXPECT_EQ(rules("<div><a href=\"#ref\">x</a><a href=\"https://example.org/x\">y</a><img src=\"#img1\" alt=\"i\"/>"
                  "<span style=\"color: red\">z</span><!-- a comment --></div>"),
            "");
}

TEST(XhtmlNarrative, WellFormedness) {
  const auto i = firstIssue("<div><p>unclosed</div>");
  EXPECT_EQ(i.rule, "well-formed");
  EXPECT_NE(i.message.find("not well-formed XML"), std::string::npos) << i.message;
  EXPECT_NE(i.markup.find("unclosed"), std::string::npos) << i.markup;
  EXPECT_EQ(rules("<div><td class=\"a\" class=\"b\">x</td></div>"), "well-formed");
  EXPECT_EQ(rules("<div>a < b</div>"), "well-formed");
  EXPECT_EQ(rules(""), "well-formed");
}

TEST(XhtmlNarrative, RootDivInTheXhtmlNamespace) {
  EXPECT_EQ(rules("<p>text</p>"), "root");
  EXPECT_EQ(rules("<div>a</div><div>b</div>"), "root");
  EXPECT_EQ(rules("text<div>a</div>"), "root");
  EXPECT_EQ(rules("<div>a</div>tail"), "root");
  EXPECT_EQ(rules(" \n<div>a</div>\n"), "");
  EXPECT_EQ(rules("<div xmlns=\"http://example.org/ns\">a</div>"), "namespace");
  EXPECT_EQ(rules("<div xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:p>a</h:p></div>"), "namespace,namespace");
  EXPECT_EQ(rules("<div><p xmlns=\"http://www.w3.org/1999/xhtml\">a</p></div>"), "namespace");
  EXPECT_EQ(rules("<?xml version=\"1.0\"?><div>a</div>"), "well-formed");
}

TEST(XhtmlNarrative, ElementWhitelist) {
  for (const char* bad : {"script", "style", "head", "body", "form", "iframe", "object", "embed", "input", "link", "meta", "base"}) {
    const std::string div = std::string("<div><p>ok</p><") + bad + ">x</" + bad + "></div>";
    const auto i = firstIssue(div);
    EXPECT_EQ(i.rule, "element") << bad;
    EXPECT_EQ(i.path, std::string("div/") + bad) << bad;
    EXPECT_NE(i.message.find("forbidden"), std::string::npos) << i.message;
    EXPECT_EQ(i.markup, std::string("<") + bad + ">");
  }
  const auto unknown = firstIssue("<div><table><tbody><tr><td><blink>x</blink></td></tr></tbody></table></div>");
  EXPECT_EQ(unknown.path, "div/table/tbody/tr/td/blink");
  EXPECT_NE(unknown.message.find("txt-1"), std::string::npos) << unknown.message;
}

TEST(XhtmlNarrative, EventAndUnknownAttributes) {
  const auto ev = firstIssue("<div><table><tbody><tr><td>a</td><td onclick=\"steal()\">b</td></tr></tbody></table></div>");
  EXPECT_EQ(ev.rule, "attribute");
  EXPECT_EQ(ev.path, "div/table/tbody/tr/td[2]");
  EXPECT_NE(ev.message.find("event attribute onclick"), std::string::npos) << ev.message;
  EXPECT_EQ(ev.markup, "<td onclick=\"steal()\">");
  EXPECT_EQ(rules("<div OnMouseOver=\"x()\">a</div>"), "attribute");
  EXPECT_EQ(rules("<div><p align=\"left\" data-x=\"1\">a</p></div>"), "attribute,attribute");
  EXPECT_EQ(rules("<div><td colspan=\"2\" class=\"date-column\">a</td></div>"), "");
}

TEST(XhtmlNarrative, ScriptAndExternalUrls) {
  EXPECT_EQ(rules("<div><a href=\"javascript:alert(1)\">a</a></div>"), "url");
  EXPECT_EQ(rules("<div><a href=\" JavaScript :alert(1)\">a</a></div>"), "url");
  EXPECT_EQ(rules("<div><a href=\"data:text/html,x\">a</a></div>"), "url");
  EXPECT_EQ(rules("<div><a href=\"file:///etc/passwd\">a</a></div>"), "url");
  EXPECT_EQ(rules("<div>x<img src=\"https://tracker.example/p.gif\"/></div>"), "url");
  EXPECT_EQ(rules("<div>x<img src=\"//tracker.example/p.gif\"/></div>"), "url");
  EXPECT_EQ(rules("<div style=\"background: url(https://x.example/i.png)\">a</div>"), "url");
}

TEST(XhtmlNarrative, EntitiesAndLineBreaks) {
  const auto nbsp = firstIssue("<div><table><tbody><tr><td>&nbsp;</td></tr></tbody></table></div>");
  EXPECT_EQ(nbsp.rule, "entity");
  EXPECT_EQ(nbsp.path, "div/table/tbody/tr/td");
  EXPECT_NE(nbsp.message.find("&nbsp;"), std::string::npos) << nbsp.message;
  EXPECT_NE(nbsp.markup.find("&nbsp;"), std::string::npos) << nbsp.markup;
  EXPECT_EQ(rules("<div title=\"&copy;\">a</div>"), "entity");
  EXPECT_EQ(rules("<div>AT&T</div>"), "entity");
  EXPECT_EQ(rules("<div>&#;</div>"), "entity");
  EXPECT_EQ(rules("<div>&#x12G;</div>"), "entity");
  EXPECT_EQ(rules("<!DOCTYPE div [<!ENTITY x \"y\">]><div>&x;</div>"), "entity,entity");
  const auto crlf = firstIssue("<div><p>line one\r\nline two</p></div>");
  EXPECT_EQ(crlf.rule, "crlf");
  EXPECT_EQ(crlf.path, "div/p");
  EXPECT_NE(crlf.markup.find("\\r\\n"), std::string::npos) << crlf.markup;
  EXPECT_EQ(rules("<div>\r\n<p>a</p></div>"), "crlf");
  EXPECT_EQ(rules("<div><p>a</p>\n</div>"), "");
}

TEST(XhtmlNarrative, NonWhitespaceContent) {
  EXPECT_EQ(rules("<div>  </div>"), "content");
  EXPECT_EQ(rules("<div><p> </p></div>"), "content");
}

// The named check over a response: every Narrative.div found (with its FHIR path), none => fail.
struct Response {
  HttpRequest request;
  HttpResponse response;
  testing::FakeFhirServices fhir;
  CheckResult run(const json& body) {
    response = testing::jsonResponse(200, body);
    return runNamedCheck("xhtml-narrative", json::object(), makeResponseView(request, response, FhirVersion::DSTU2, fhir));
  }
};

json bundleWith(const std::string& div) {
  return {{"resourceType", "Bundle"},
          {"entry", json::array({{{"resource", {{"resourceType", "Composition"},
                                                 {"section", json::array({{{"text", {{"status", "generated"}, {"div", div}}}}})}}}}})}};
}

TEST(XhtmlNarrativeCheck, JudgesEveryNarrativeOfTheResponse) {
  ASSERT_TRUE(isNamedCheck("xhtml-narrative"));
  Response r;
  const auto ok = r.run(bundleWith("<div><p>fine</p></div>"));
  EXPECT_TRUE(ok.passed) << ok.message;
  const auto bad = r.run(bundleWith("<div><p onclick=\"x()\">a</p><script>x()</script></div>"));
  EXPECT_FALSE(bad.passed);
  EXPECT_NE(bad.message.find("2 narrative problem(s)"), std::string::npos) << bad.message;
  EXPECT_NE(bad.message.find("Bundle.entry[0].resource(Composition).section[0].text.div div/p: event attribute onclick"), std::string::npos)
      << bad.message;
  EXPECT_NE(bad.message.find("[<script>]"), std::string::npos) << bad.message;
  EXPECT_EQ(bad.actual, "<p onclick=\"x()\">");
  const auto none = r.run(json{{"resourceType", "Bundle"}});
  EXPECT_FALSE(none.passed);
  EXPECT_NE(none.message.find("no narrative"), std::string::npos) << none.message;
}

TEST(XhtmlNarrativeCheck, ManyProblemsAreSummarised) {
  std::string div = "<div>";
  for (int i = 0; i < 8; ++i) div += "<p onclick=\"x\">a</p>";
  Response r;
  const auto res = r.run(bundleWith(div + "</div>"));
  EXPECT_FALSE(res.passed);
  EXPECT_NE(res.message.find("and 3 more"), std::string::npos) << res.message;
}

}  // namespace
}  // namespace gpc::checks
