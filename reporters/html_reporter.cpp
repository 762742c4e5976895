// The HTML report for an assurance reviewer: one self-contained file. Every string that came
// from the target or the suites goes through htmlEscape(); the Content-Security-Policy meta
// element stops the page loading anything even if a bug let markup through.

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "reporters/case_summary.h"
#include "runner/fhir/json_depth.h"
#include "reporters/failure_recap.h"
#include "reporters/html_assets.h"
#include "reporters/html_assurance.h"
#include "reporters/html_latency.h"
#include "reporters/html_changes.h"
#include "reporters/html_requirements.h"
#include "reporters/html_report.h"
#include "reporters/html_text.h"
#include "reporters/html_waivers.h"
#include "reporters/report_file.h"
#include "reporters/reporters.h"
#include "reporters/shard_label.h"
#include "reporters/reporter_registry.h"
#include "reporters/run_json.h"
#include "reporters/text_safety.h"
#include "reporters/waiver_text.h"

namespace gpc::reporters {
namespace {

// Bodies beyond this are cut in the HTML (the JSON report keeps them whole): a reviewer's
// browser should not choke on a multi-megabyte Bundle.
constexpr std::size_t kHtmlBodyLimit = 64 * 1024;
// With --evidence failed, a failing case's judged response body is cut here: hundreds of
// failures each carrying a structured record would make a report too heavy to open.
constexpr std::size_t kFailedEvidenceBodyLimit = 12 * 1024;

constexpr std::array kVerdicts = {Verdict::Passed, Verdict::Failed, Verdict::Errored,
                                  Verdict::Skipped, Verdict::Flaky, Verdict::Waived};

std::string e(std::string_view text) { return htmlEscape(text); }

std::string ms(double value) { return fmt::format("{:.0f} ms", value); }

// Failures first: the reviewer came for them (then errors, flaky cases, waived failures, skips, passes; run
// order within).
int listRank(Verdict v) {
  switch (v) {
    case Verdict::Failed: return 0;
    case Verdict::Errored: return 1;
    case Verdict::Flaky: return 2;  // passed only on a retry: a reviewer must see it
    case Verdict::Waived: return 3;
    case Verdict::Skipped: return 4;
    case Verdict::Passed: return 5;
  }
  return 6;
}

// Long values shown in a passing case's compact view are cut here; the JSON report has them.
constexpr std::size_t kCompactValueLimit = 160;

std::string shortened(const std::string& text) {
  if (text.size() <= kCompactValueLimit) return text;
  return std::string(utf8Prefix(text, kCompactValueLimit)) + "\u2026";
}

// JSON bodies and JWT claims are re-indented for reading; anything else is shown as sent. So is
// a body larger than any the report shows whole (re-indenting a capped 16 MB body only to show
// 12 KiB of it cost seconds and copies), or one nested past what a FHIR resource does (the
// serialiser recurses per level: 100,000 nested arrays from a provider overflowed the stack).
constexpr std::size_t kPrettyMaxBytes = 1 << 20;

std::string prettyIfJson(const std::string& text) {
  if (text.size() > kPrettyMaxBytes) return text;
  struct TooDeep {};
  const nlohmann::ordered_json::parser_callback_t depthGuard = [](int depth, nlohmann::ordered_json::parse_event_t,
                                                                   nlohmann::ordered_json&) {
    if (depth > static_cast<int>(fhir::kMaxJsonDepth)) throw TooDeep{};
    return true;
  };
  nlohmann::ordered_json parsed;
  try {
    parsed = nlohmann::ordered_json::parse(text, depthGuard, /*allow_exceptions=*/false);
  } catch (const TooDeep&) {
    return text;
  }
  if (parsed.is_discarded() || !(parsed.is_object() || parsed.is_array())) return text;
  return parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

class HtmlWriter {
 public:
  HtmlWriter(const RunResult& r, HtmlEvidence evidence, const AssuranceInputs* assurance = nullptr)
      : r_(r), evidence_(evidence), assurance_(assurance) {}

  std::string render(const std::string& digest) {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<meta name=\"gpc-assure-result-sha256\" content=\"" + digest + "\">\n";
    out_ += "<title>gpc-assure report: " + e(r_.info.targetName) + "</title>\n";
    out_ += "<style>" + std::string(kHtmlStyle) + "</style>\n</head>\n<body>\n";
    banner();
    header(digest);
    out_ += changesHtml(r_);  // first: what a reviewer of a repeat run looks for
    summary();
    out_ += latencySectionHtml(r_);
    out_ += waiversHtml(r_);
    out_ += requirementsHtml(r_);
    filters();
    cases();
    out_ += "<script>" + std::string(kHtmlScript) + "</script>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void row(std::string_view name, const std::string& escapedValue) {
    out_ += "<tr><th>" + std::string(name) + "</th><td>" + escapedValue + "</td></tr>\n";
  }

  // The overall verdict in one coloured line at the very top.
  void banner() {
    const RunSummary& s = r_.summary;
    const bool pass = s.failed + s.errored == 0 && s.total > 0 && r_.stopped.empty();
    out_ += fmt::format("<p class=\"banner {}\" id=\"verdict\"><strong>{}</strong> {}</p>\n", pass ? "pass" : "fail",
                        pass ? "PASS" : "FAIL", e(countsLine(s)));
    if (!r_.stopped.empty())
      out_ += "<p class=\"banner fail\" id=\"stopped\"><strong>INCOMPLETE</strong> " + e(r_.stopped) +
              ": the cases not started are listed as skipped, \"not run\".</p>\n";
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
    if (const std::string shard = shardLabel(i.shard, r_.summary.total); !shard.empty()) row("Shard", e(shard));
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
    // The flaky and waived columns only when some case was.
    const bool flaky = s.flaky > 0;
    const bool waived = s.waived > 0;
    out_ += "<table>\n<tr><th>Capability</th><th>Total</th><th>Passed</th><th>Failed</th><th>Errored</th>"
            "<th>Skipped</th>" + std::string(flaky ? "<th>Flaky</th>" : "") + std::string(waived ? "<th>Waived</th>" : "") +
            "</tr>\n";
    for (const auto& [capability, c] : summaryByCapability(r_.cases)) {
      out_ += fmt::format(
          "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
          "<td class=\"n\">{}</td><td class=\"n\">{}</td>{}{}</tr>\n",
          e(capability), c.total, c.passed, c.failed, c.errored, c.skipped,
          flaky ? fmt::format("<td class=\"n\">{}</td>", c.flaky) : "",
          waived ? fmt::format("<td class=\"n\">{}</td>", c.waived) : "");
    }
    out_ += "</table>\n</section>\n";
  }

  void filters() {
    // Hidden until the script runs: without script every case is shown and filters do nothing.
    const RunSummary& s = r_.summary;
    const std::array counts = {s.passed, s.failed, s.errored, s.skipped, s.flaky, s.waived};
    out_ += "<section id=\"filters\" hidden>\n<h2>Cases</h2>\n<p>Show: ";
    for (std::size_t k = 0; k < kVerdicts.size(); ++k) {
      out_ += fmt::format("<label><input type=\"checkbox\" data-verdict=\"{0}\" checked> {0} ({1})</label>",
                          toString(kVerdicts[k]), counts[k]);
    }
    out_ += "</p>\n<p><label>Find: <input type=\"search\" id=\"find\" size=\"40\" "
            "placeholder=\"ids, titles, reasons, check messages, evidence\"></label> "
            "<button type=\"button\" id=\"expand\">Open shown</button> "
            "<button type=\"button\" id=\"collapse\">Close all</button> "
            "<span id=\"shown\"></span></p>\n</section>\n";
  }

  void cases() {
    out_ += "<section id=\"cases\">\n";
    std::vector<const CaseResult*> order;
    for (const auto& c : r_.cases) order.push_back(&c);
    std::stable_sort(order.begin(), order.end(),
                     [](const CaseResult* a, const CaseResult* b) { return listRank(a->verdict) < listRank(b->verdict); });
    for (const auto* c : order) caseBlock(*c);
    out_ += "</section>\n";
  }

  void caseBlock(const CaseResult& c) {
    const char* v = toString(c.verdict);
    // Problems open by default: they are what a reviewer came for.
    const bool failing = c.verdict == Verdict::Failed || c.verdict == Verdict::Errored || c.verdict == Verdict::Flaky;
    out_ += fmt::format("<details class=\"case\" data-verdict=\"{}\" id=\"case-{}\"{}>\n", v, e(c.info.id),
                        failing ? " open" : "");
    // The requirement in the closed line too: a reviewer scanning the list sees what each case checks.
    out_ += fmt::format(
        "<summary><span class=\"v v-{0}\">{0}</span>{5} <code>{1}</code> {2} <small>({3})</small>{4}</summary>\n", v,
        e(c.info.id), e(c.info.title), e(ms(c.durationMs)),
        c.info.requirement.empty() ? "" : "<br><small class=\"req\">" + e(c.info.requirement) + "</small>",
        std::any_of(c.checks.begin(), c.checks.end(), [](const CheckResult& k) { return k.warning; })
            ? " <span class=\"v v-warn\">warning</span>"
            : "");
    // A waived case is still a failure to read in full, only not opened by default.
    if (evidence_ == HtmlEvidence::Failed && !failing && c.verdict != Verdict::Waived) {
      compactCase(c);
    } else {
      fullCase(c);
    }
    out_ += "</details>\n";
  }

  // A passed or skipped case with --evidence failed: what it checked and sent, in a few lines.
  void compactCase(const CaseResult& c) {
    std::string meta = e(c.info.suiteId) + " &middot; " + e(c.info.capability) + " " + e(c.info.specVersion);
    if (!c.info.requirement.empty()) meta += " &middot; " + requirementLinks(c.info.requirement, c.info.specVersion);
    out_ += "<p class=\"m\">" + meta + "</p>\n";
    if (!c.reason.empty()) out_ += "<p class=\"m\">" + e(c.reason) + "</p>\n";
    passedChecksList(c.checks);
    if (!c.exchanges.empty()) out_ += "<pre class=\"xsum\">" + e(exchangeSummary(c)) + "</pre>\n";
  }

  void fullCase(const CaseResult& c) {
    out_ += "<dl class=\"meta\">\n";
    const auto item = [&](std::string_view name, const std::string& escapedValue) {
      if (!escapedValue.empty()) out_ += "<dt>" + std::string(name) + "</dt><dd>" + escapedValue + "</dd>\n";
    };
    if (c.waiver) item(c.waiver->expired ? "Waiver (expired)" : "Waiver", e(waiverSummary(*c.waiver)));
    item("Reason", e(c.reason));
    item("Requirement", requirementLinks(c.info.requirement, c.info.specVersion));
    for (const auto& o : c.info.official) item("Official scenario", e(o));
    item("Suite", e(c.info.suiteId + (c.info.suiteFile.empty() ? "" : " (" + c.info.suiteFile + ")")));
    item("Capability", e(c.info.capability + " " + c.info.specVersion));
    std::string tags;
    for (const auto& t : c.info.tags) tags += (tags.empty() ? "" : ", ") + t;
    item("Tags", e(tags));
    item("Note", e(c.info.note));
    out_ += "</dl>\n";
    evidenceOf(c);
    // --retries: the attempts before the last, each with its own checks and evidence.
    for (std::size_t k = 0; k < c.retried.size(); ++k) {
      const CaseResult attempt = attemptResult(c, c.retried[k]);
      out_ += fmt::format("<h4 class=\"attempt\">Attempt {} of {}: <span class=\"v v-{}\">{}</span> {}</h4>\n", k + 1,
                          c.retried.size() + 1, toString(attempt.verdict), toString(attempt.verdict), e(attempt.reason));
      evidenceOf(attempt);
    }
  }

  // A case's checks and exchanges: in full with --evidence all, else the judged exchange in full.
  void evidenceOf(const CaseResult& c) {
    checks(c.checks, c.info.requirement);
    if (evidence_ == HtmlEvidence::All) {
      for (const auto& x : c.exchanges) exchange(x, failingElementNames(c.checks, x.step), kHtmlBodyLimit);
      return;
    }
    // --evidence failed: the exchange the verdict rests on in full, the others as one line each.
    const Exchange* judged = decidingExchange(c);
    std::string others;
    for (const auto& x : c.exchanges) {
      if (&x == judged) {
        exchange(x, failingElementNames(c.checks, x.step), kFailedEvidenceBodyLimit);
      } else {
        others += exchangeLine(x) + "\n";
      }
    }
    if (!others.empty()) out_ += "<p class=\"m\">Other exchanges of this case:</p>\n<pre class=\"xsum\">" + e(others) + "</pre>\n";
  }

  void checks(const std::vector<CheckResult>& list, const std::string& requirement) {
    if (list.empty()) return;
    // Every check of a case checks the case's requirement: say so above the table.
    if (!requirement.empty()) out_ += "<p class=\"req\">Checks of <strong>" + e(requirement) + "</strong>:</p>\n";
    out_ += "<table class=\"checks\">\n<colgroup><col class=\"c-result\"><col class=\"c-kind\"><col><col><col><col>"
            "<col class=\"c-step\"></colgroup>\n<tr><th>Result</th><th>Check</th><th>Subject</th><th>Expected</th>"
            "<th>Actual</th><th>Message</th><th>Step</th></tr>\n";
    // Failing checks first; with --evidence failed the passed ones follow as a short list.
    const bool allRows = evidence_ == HtmlEvidence::All;
    for (const bool passing : {false, true}) {
      for (const auto& k : list) {
        if (k.passed != passing || (passing && !allRows)) continue;
        const std::string result = k.passed && !k.warning ? "pass" : "<strong>" + std::string(checkLabel(k)) + "</strong>";
        out_ += fmt::format(
            "<tr{}><td>{}</td><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td>"
            "<td>{}</td><td>{}</td></tr>\n",
            k.passed ? (k.warning ? " class=\"warn\"" : "") : " class=\"fail\"", result, e(k.kind), e(k.subject), e(k.expected), e(k.actual),
            e(k.message), e(k.step));
      }
    }
    out_ += "</table>\n";
    if (!allRows) passedChecksList(list);
  }

  // Passed checks in one short line each: kind, subject and what was expected (cut when long).
  void passedChecksList(const std::vector<CheckResult>& list) {
    std::string items;
    for (const auto& k : list) {
      if (!k.passed) continue;
      std::string text = k.warning ? "WARNING " + k.kind : k.kind;
      if (!k.subject.empty()) text += " " + shortened(k.subject);
      if (!k.expected.empty()) text += ": " + shortened(k.expected);
      if (k.warning) text += ": " + shortened(k.message);
      items += "<li>" + e(text) + "</li>";
    }
    if (!items.empty()) out_ += "<ul class=\"ck\">" + items + "</ul>\n";
  }

  void headers(const Headers& list) {
    if (list.empty()) return;
    out_ += "<table class=\"headers\">\n";
    for (const auto& h : list) out_ += "<tr><th>" + e(h.name) + "</th><td><code>" + e(h.value) + "</code></td></tr>\n";
    out_ += "</table>\n";
  }

  void body(const std::string& bytes, bool truncatedByCap, std::size_t limit, const std::vector<std::string>& marks = {}) {
    if (bytes.empty()) return;
    std::string notes;
    if (!isValidUtf8(bytes)) notes += "Not valid UTF-8: bad bytes are shown as \xEF\xBF\xBD (the JSON report has it in base64). ";
    if (truncatedByCap) notes += "The provider sent more than the response size cap; only the capped part was kept. ";
    std::string shown = prettyIfJson(bytes);
    if (shown.size() > limit) {
      notes += fmt::format("Shown: the first {} of {} bytes; the JSON report has the whole body. ", limit, shown.size());
      shown = std::string(utf8Prefix(shown, limit));
    }
    if (!notes.empty()) out_ += "<p class=\"note\">" + e(notes) + "</p>\n";
    out_ += "<pre>" + escapedWithMarks(shown, marks) + "</pre>\n";
  }

  // `marks`: element names the step's failing checks point at, highlighted in the response body.
  void exchange(const Exchange& x, const std::vector<std::string>& marks, std::size_t bodyLimit) {
    const HttpResponse& res = x.response;
    const std::string outcome = res.transportError.empty() ? fmt::format("{} ({})", res.status, ms(res.elapsedMs))
                                                           : "no response: " + res.transportError;
    out_ += fmt::format("<details class=\"exchange\"><summary>[{}] {} {} &rarr; {}</summary>\n", e(x.step),
                        e(x.request.method), e(x.request.url), e(outcome));
    if (!x.interaction.empty()) out_ += "<p>Interaction: <code>" + e(x.interaction) + "</code></p>\n";
    out_ += "<h4>Request</h4>\n<p><code>" + e(x.request.method) + " " + e(x.request.url) + "</code></p>\n";
    headers(x.request.headers);
    body(x.request.body, false, bodyLimit);
    if (!x.jwtPayload.empty()) {
      out_ += "<h4>JWT claims (decoded)</h4>\n";
      body(x.jwtPayload, false, bodyLimit);
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
    body(res.body, res.bodyTruncated, bodyLimit, marks);
    out_ += "</details>\n";
  }

  const RunResult& r_;
  HtmlEvidence evidence_;
  const AssuranceInputs* assurance_;
  std::string out_;
};

class HtmlReporter final : public Reporter {
 public:
  HtmlReporter(std::filesystem::path path, SharedCanonicalRun canonical, HtmlEvidence evidence,
               SharedAssuranceInputs assurance)
      : path_(std::move(path)), canonical_(std::move(canonical)), evidence_(evidence), assurance_(std::move(assurance)) {}

  void runFinished(const RunResult& result) override {
    const std::string html = HtmlWriter(result, evidence_, assurance_.get()).render(canonical_->of(result).digest);
    writeReportFile(path_, html, "HTML report");
    writeDigestFile(path_, html, "HTML report");
  }

 private:
  std::filesystem::path path_;
  SharedCanonicalRun canonical_;
  HtmlEvidence evidence_;
  SharedAssuranceInputs assurance_;
};

}  // namespace

std::string renderHtmlReport(const RunResult& result, HtmlEvidence evidence) {
  return HtmlWriter(result, evidence).render(resultDigest(result));
}

std::string renderHtmlReport(const RunResult& result, const std::string& resultDigest, HtmlEvidence evidence) {
  return HtmlWriter(result, evidence).render(resultDigest);
}

std::unique_ptr<Reporter> makeHtmlReporter(std::filesystem::path path, SharedCanonicalRun canonical,
                                           HtmlEvidence evidence, SharedAssuranceInputs assurance) {
  if (!canonical) canonical = std::make_shared<CanonicalRun>();
  return std::make_unique<HtmlReporter>(std::move(path), std::move(canonical), evidence, std::move(assurance));
}

void registerHtmlReporter(ReporterRegistry& registry) {
  registry.add({.name = "html",
                .summary = "one self-contained page for an assurance reviewer, and its .sha256",
                .file = "html",
                .defaultFileName = "report.html",
                .byDefault = true,
                .make =
                    [](const std::filesystem::path& path, const ReportSettings& settings) {
                      return makeHtmlReporter(path, settings.canonical, settings.htmlEvidence, settings.assurance);
                    },
                .writes = reportWithDigest});
}

}  // namespace gpc::reporters
