// The HTML report for an assurance reviewer: one self-contained file. Every string that came
// from the target or the suites goes through htmlEscape(); the Content-Security-Policy meta
// element stops the page loading anything even if a bug let markup through.

#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "reporters/case_summary.h"
#include "reporters/html_assets.h"
#include "reporters/html_assurance.h"
#include "reporters/html_report.h"
#include "reporters/report_file.h"
#include "reporters/reporters.h"
#include "reporters/run_json.h"
#include "reporters/text_safety.h"

namespace gpc::reporters {
namespace {

// Bodies beyond this are cut in the HTML (the JSON report keeps them whole): a reviewer's
// browser should not choke on a multi-megabyte Bundle.
constexpr std::size_t kHtmlBodyLimit = 64 * 1024;

constexpr std::array kVerdicts = {Verdict::Passed, Verdict::Failed, Verdict::Errored, Verdict::Skipped};

std::string e(std::string_view text) { return htmlEscape(text); }

std::string ms(double value) { return fmt::format("{:.0f} ms", value); }

// JSON bodies and JWT claims are re-indented for reading; anything else is shown as sent.
std::string prettyIfJson(const std::string& text) {
  const auto parsed = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !(parsed.is_object() || parsed.is_array())) return text;
  return parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

class HtmlWriter {
 public:
  explicit HtmlWriter(const RunResult& r, const AssuranceInputs* assurance = nullptr) : r_(r), assurance_(assurance) {}

  std::string render(const std::string& digest) {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<meta name=\"gpc-assure-result-sha256\" content=\"" + digest + "\">\n";
    out_ += "<title>gpc-assure report: " + e(r_.info.targetName) + "</title>\n";
    out_ += "<style>" + std::string(kHtmlStyle) + "</style>\n</head>\n<body>\n";
    header(digest);
    summary();
    filters();
    cases();
    out_ += "<script>" + std::string(kHtmlScript) + "</script>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void row(std::string_view name, const std::string& escapedValue) {
    out_ += "<tr><th>" + std::string(name) + "</th><td>" + escapedValue + "</td></tr>\n";
  }

  void header(const std::string& digest) {
    const RunInfo& i = r_.info;
    out_ += "<header>\n<h1>GP Connect conformance report</h1>\n<table class=\"run\">\n";
    row("Target", e(i.targetName));
    if (!i.targetFile.empty()) row("Target file", "<code>" + e(i.targetFile) + "</code>");
    for (const auto& [group, url] : i.endpoints) row("Endpoint " + e(group), "<code>" + e(url) + "</code>");
    row("Started", e(i.startedAt));
    row("Finished", e(r_.finishedAt));
    row("Duration", e(ms(r_.durationMs)));
    row("Tool", "gpc-assure " + e(i.toolVersion));
    row("Jobs", std::to_string(i.jobs));
    row("Seed", fmt::format("{} <small>(generated values such as NHS numbers to register; <code>run --seed {}</code> "
                            "repeats them)</small>",
                            i.seed, i.seed));
    if (!i.filters.empty()) {
      std::string f;
      for (const auto& s : i.filters) f += "<code>" + e(s) + "</code> ";
      row("Selection", f);
    }
    out_ += "</table>\n";
    if (!i.faults.empty()) {
      out_ += "<p class=\"faults\"><strong>Reference provider faults switched on:</strong> ";
      for (const auto& f : i.faults) out_ += "<code>" + e(f) + "</code> ";
      out_ += "(failures below may be intended).</p>\n";
    }
    out_ += "<p class=\"digest\">Result digest (SHA-256 of the canonical JSON result): <code>" + digest +
            "</code><br>To verify, run <code>sha256sum</code> on the JSON report written by the same run "
            "(<code>sha256sum -c report.json.sha256</code>); it must print this value. This file's own "
            "digest is in <code>&lt;this file&gt;.sha256</code>. See docs/reports.md, Tamper evidence.</p>\n";
    if (assurance_ && assurance_->signer) out_ += signerHtml(assurance_->signer->description());
    out_ += "</header>\n";
  }

  void summary() {
    const RunSummary& s = r_.summary;
    out_ += "<section id=\"summary\">\n<h2>Summary</h2>\n";
    out_ += "<p><strong>" + e(countsLine(s)) + "</strong> of " + std::to_string(s.total) + " cases.</p>\n";
    out_ += "<table>\n<tr><th>Capability</th><th>Total</th><th>Passed</th><th>Failed</th><th>Errored</th>"
            "<th>Skipped</th></tr>\n";
    for (const auto& [capability, c] : summaryByCapability(r_.cases)) {
      out_ += fmt::format(
          "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
          "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
          e(capability), c.total, c.passed, c.failed, c.errored, c.skipped);
    }
    out_ += "</table>\n</section>\n";
  }

  void filters() {
    // Hidden until the script runs: without script every case is shown and filters do nothing.
    const RunSummary& s = r_.summary;
    const std::array counts = {s.passed, s.failed, s.errored, s.skipped};
    out_ += "<section id=\"filters\" hidden>\n<h2>Cases</h2>\n<p>Show: ";
    for (std::size_t k = 0; k < kVerdicts.size(); ++k) {
      out_ += fmt::format("<label><input type=\"checkbox\" data-verdict=\"{0}\" checked> {0} ({1})</label>",
                          toString(kVerdicts[k]), counts[k]);
    }
    out_ += "</p>\n<p><label>Find: <input type=\"search\" id=\"find\" size=\"40\" "
            "placeholder=\"case id, title, requirement, capability, suite\"></label> "
            "<button type=\"button\" id=\"expand\">Open shown</button> "
            "<button type=\"button\" id=\"collapse\">Close all</button> "
            "<span id=\"shown\"></span></p>\n</section>\n";
  }

  void cases() {
    out_ += "<section id=\"cases\">\n";
    for (const auto& c : r_.cases) caseBlock(c);
    out_ += "</section>\n";
  }

  void caseBlock(const CaseResult& c) {
    const char* v = toString(c.verdict);
    // Problems open by default: they are what a reviewer came for.
    const bool open = c.verdict == Verdict::Failed || c.verdict == Verdict::Errored;
    // What the Find box matches, lower-cased (the script lower-cases what is typed).
    std::string search = c.info.id + " " + c.info.title + " " + c.info.requirement + " " + c.info.capability + " " +
                         c.info.suiteId;
    for (char& ch : search) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out_ += fmt::format("<details class=\"case\" data-search=\"{}\" data-verdict=\"{}\" id=\"case-{}\"{}>\n",
                        e(search), v, e(c.info.id), open ? " open" : "");
    // The requirement in the closed line too: a reviewer scanning the list sees what each case checks.
    out_ += fmt::format(
        "<summary><span class=\"v v-{0}\">{0}</span> <code>{1}</code> {2} <small>({3})</small>{4}</summary>\n", v,
        e(c.info.id), e(c.info.title), e(ms(c.durationMs)),
        c.info.requirement.empty() ? "" : "<br><small class=\"req\">" + e(c.info.requirement) + "</small>");
    out_ += "<dl class=\"meta\">\n";
    const auto item = [&](std::string_view name, const std::string& value) {
      if (!value.empty()) out_ += "<dt>" + std::string(name) + "</dt><dd>" + e(value) + "</dd>\n";
    };
    item("Verdict", v);
    item("Reason", c.reason);
    item("Requirement", c.info.requirement);
    for (const auto& o : c.info.official) item("Official scenario", o);
    item("Suite", c.info.suiteId + (c.info.suiteFile.empty() ? "" : " (" + c.info.suiteFile + ")"));
    item("Capability", c.info.capability);
    item("Spec version", c.info.specVersion);
    std::string tags;
    for (const auto& t : c.info.tags) tags += (tags.empty() ? "" : ", ") + t;
    item("Tags", tags);
    item("Note", c.info.note);
    out_ += "</dl>\n";
    checks(c.checks, c.info.requirement);
    for (const auto& x : c.exchanges) exchange(x);
    out_ += "</details>\n";
  }

  void checks(const std::vector<CheckResult>& list, const std::string& requirement) {
    if (list.empty()) return;
    // Every check of a case checks the case's requirement: say so above the table.
    if (!requirement.empty()) out_ += "<p class=\"req\">Checks of <strong>" + e(requirement) + "</strong>:</p>\n";
    out_ += "<table class=\"checks\">\n<colgroup><col class=\"c-result\"><col class=\"c-kind\"><col><col><col><col>"
            "<col class=\"c-step\"></colgroup>\n<tr><th>Result</th><th>Check</th><th>Subject</th><th>Expected</th>"
            "<th>Actual</th><th>Message</th><th>Step</th></tr>\n";
    for (const auto& k : list) {
      const std::string result = k.passed ? "pass" : "<strong>" + std::string(checkLabel(k)) + "</strong>";
      out_ += fmt::format(
          "<tr{}><td>{}</td><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td>"
          "<td>{}</td><td>{}</td></tr>\n",
          k.passed ? "" : " class=\"fail\"", result, e(k.kind), e(k.subject), e(k.expected), e(k.actual), e(k.message), e(k.step));
    }
    out_ += "</table>\n";
  }

  void headers(const Headers& list) {
    if (list.empty()) return;
    out_ += "<table class=\"headers\">\n";
    for (const auto& h : list) out_ += "<tr><th>" + e(h.name) + "</th><td><code>" + e(h.value) + "</code></td></tr>\n";
    out_ += "</table>\n";
  }

  void body(const std::string& bytes, bool truncatedByCap) {
    if (bytes.empty()) return;
    std::string notes;
    if (!isValidUtf8(bytes)) notes += "Not valid UTF-8: bad bytes are shown as \xEF\xBF\xBD (the JSON report has it in base64). ";
    if (truncatedByCap) notes += "The provider sent more than the response size cap; only the capped part was kept. ";
    std::string shown = prettyIfJson(bytes);
    if (shown.size() > kHtmlBodyLimit) {
      notes += fmt::format("Shown: the first {} of {} bytes; the JSON report has the whole body. ", kHtmlBodyLimit,
                           shown.size());
      shown = std::string(utf8Prefix(shown, kHtmlBodyLimit));
    }
    if (!notes.empty()) out_ += "<p class=\"note\">" + e(notes) + "</p>\n";
    out_ += "<pre>" + e(shown) + "</pre>\n";
  }

  void exchange(const Exchange& x) {
    const HttpResponse& res = x.response;
    const std::string outcome = res.transportError.empty() ? fmt::format("{} ({})", res.status, ms(res.elapsedMs))
                                                           : "no response: " + res.transportError;
    out_ += fmt::format("<details class=\"exchange\"><summary>[{}] {} {} &rarr; {}</summary>\n", e(x.step),
                        e(x.request.method), e(x.request.url), e(outcome));
    if (!x.interaction.empty()) out_ += "<p>Interaction: <code>" + e(x.interaction) + "</code></p>\n";
    out_ += "<h4>Request</h4>\n<p><code>" + e(x.request.method) + " " + e(x.request.url) + "</code></p>\n";
    headers(x.request.headers);
    body(x.request.body, false);
    if (!x.jwtPayload.empty()) {
      out_ += "<h4>JWT claims (decoded)</h4>\n";
      body(x.jwtPayload, false);
    }
    out_ += "<h4>Response</h4>\n";
    if (!res.transportError.empty()) out_ += "<p><strong>Transport error:</strong> " + e(res.transportError) + "</p>\n";
    if (res.status != 0) {
      std::string line = "HTTP/" + (res.httpVersion.empty() ? std::string("?") : res.httpVersion) + " " +
                         std::to_string(res.status) + ", " + ms(res.elapsedMs);
      if (!res.contentEncoding.empty()) line += ", Content-Encoding " + res.contentEncoding + " (decoded below)";
      out_ += "<p><code>" + e(line) + "</code></p>\n";
    }
    headers(res.headers);
    body(res.body, res.bodyTruncated);
    out_ += "</details>\n";
  }

  const RunResult& r_;
  const AssuranceInputs* assurance_;
  std::string out_;
};

class HtmlReporter final : public Reporter {
 public:
  HtmlReporter(std::filesystem::path path, SharedCanonicalRun canonical, SharedAssuranceInputs assurance)
      : path_(std::move(path)), canonical_(std::move(canonical)), assurance_(std::move(assurance)) {}

  void runFinished(const RunResult& result) override {
    const std::string html = HtmlWriter(result, assurance_.get()).render(canonical_->of(result).digest);
    writeReportFile(path_, html, "HTML report");
    writeDigestFile(path_, html, "HTML report");
  }

 private:
  std::filesystem::path path_;
  SharedCanonicalRun canonical_;
  SharedAssuranceInputs assurance_;
};

}  // namespace

std::string renderHtmlReport(const RunResult& result) { return HtmlWriter(result).render(resultDigest(result)); }

std::string renderHtmlReport(const RunResult& result, const std::string& resultDigest) {
  return HtmlWriter(result).render(resultDigest);
}

std::unique_ptr<Reporter> makeHtmlReporter(std::filesystem::path path, SharedCanonicalRun canonical,
                                           SharedAssuranceInputs assurance) {
  if (!canonical) canonical = std::make_shared<CanonicalRun>();
  return std::make_unique<HtmlReporter>(std::move(path), std::move(canonical), std::move(assurance));
}

}  // namespace gpc::reporters
