#include "reporters/case_summary.h"

#include <fmt/format.h>

#include "reporters/text_safety.h"

namespace gpc::reporters {

void tally(RunSummary& s, Verdict v) {
  ++s.total;
  switch (v) {
    case Verdict::Passed: ++s.passed; break;
    case Verdict::Failed: ++s.failed; break;
    case Verdict::Errored: ++s.errored; break;
    case Verdict::Skipped: ++s.skipped; break;
    case Verdict::Flaky: ++s.flaky; break;
    case Verdict::Waived: ++s.waived; break;
  }
}

std::map<std::string, RunSummary> summaryByCapability(const std::vector<CaseResult>& cases) {
  std::map<std::string, RunSummary> out;
  for (const auto& c : cases) tally(out[c.info.capability.empty() ? "(none)" : c.info.capability], c.verdict);
  return out;
}

std::string countsLine(const RunSummary& s) {
  std::string line = fmt::format("{} passed, {} failed, {} errored, {} skipped", s.passed, s.failed, s.errored, s.skipped);
  // Only when there are some, so a run without --retries or --waivers keeps the line CI tools parse.
  if (s.flaky > 0) line += fmt::format(", {} flaky", s.flaky);
  if (s.waived > 0) line += fmt::format(", {} waived", s.waived);
  return line;
}

const char* checkLabel(const CheckResult& c) {
  if (c.passed) return c.warning ? "WARN" : "pass";
  return c.errored ? "ERROR" : "FAIL";
}

std::string describeCheck(const CheckResult& c, bool withMessage) {
  std::string text = c.kind;
  if (!c.subject.empty()) text += " " + c.subject;
  text += ":";
  if (!c.expected.empty() || !c.actual.empty()) {
    text += fmt::format(" expected {}, got {}", c.expected.empty() ? "(nothing)" : c.expected,
                        c.actual.empty() ? "(nothing)" : c.actual);
  }
  if (withMessage && !c.message.empty()) text += (text.back() == ':' ? " " : " - ") + c.message;
  if (text.back() == ':') text.pop_back();
  if (!c.step.empty() && c.step != "main") text += " [step " + c.step + "]";
  return text;
}

CaseResult attemptResult(const CaseResult& result, const CaseAttempt& attempt) {
  CaseResult r;
  r.info = result.info;
  r.verdict = attempt.verdict;
  r.reason = attempt.reason;
  r.checks = attempt.checks;
  r.exchanges = attempt.exchanges;
  r.durationMs = attempt.durationMs;
  return r;
}

std::string exchangeSummary(const CaseResult& r) {
  std::string out;
  for (const auto& e : r.exchanges) {
    out += e.request.method + " " + e.request.url + " -> ";
    out += e.response.transportError.empty() ? fmt::format("{}, {:.0f} ms", e.response.status, e.response.elapsedMs)
                                             : "no response: " + e.response.transportError;
    out += "\n";
  }
  return out;
}

std::string exchangeLine(const Exchange& e) {
  const std::string request = "> " + e.request.method + " " + e.request.url;
  if (!e.response.transportError.empty()) return request + "  -> no response: " + e.response.transportError;
  return request + fmt::format("  -> {} ({:.0f} ms)", e.response.status, e.response.elapsedMs);
}

std::string evidenceSummary(const CaseResult& r, std::size_t bodyBytes) {
  std::string out;
  if (!r.reason.empty()) out += "Reason: " + r.reason + "\n";
  if (!r.info.requirement.empty()) out += "Requirement: " + r.info.requirement + "\n";
  for (const auto& scenario : r.info.official) out += "Official scenario: " + scenario + "\n";
  if (!r.info.note.empty()) out += "Note: " + r.info.note + "\n";
  if (!r.checks.empty()) {
    // Failing checks first: a CI view often shows only the first lines of the text.
    out += "Checks:\n";
    for (const bool passing : {false, true})
      for (const auto& c : r.checks)
        if (c.passed == passing) out += fmt::format("  [{}] {}\n", checkLabel(c), describeCheck(c));
  }
  for (const auto& e : r.exchanges) {
    out += fmt::format("Exchange [{}]{}:\n", e.step, e.interaction.empty() ? "" : " " + e.interaction);
    out += fmt::format("  > {} {}\n", e.request.method, e.request.url);
    if (!e.response.transportError.empty()) {
      out += "  < no HTTP response: " + e.response.transportError + "\n";
      continue;
    }
    out += fmt::format("  < HTTP {} ({:.0f} ms, {} bytes{})\n", e.response.status, e.response.elapsedMs,
                       e.response.body.size(), e.response.bodyTruncated ? ", truncated by the response cap" : "");
    if (!e.response.body.empty()) {
      const std::string_view head = utf8Prefix(e.response.body, bodyBytes);
      out += std::string("  body") + (head.size() < e.response.body.size() ? fmt::format(" (first {} bytes)", head.size()) : "") + ":\n";
      out += std::string(head);
      if (out.back() != '\n') out += '\n';
    }
  }
  return out;
}

}  // namespace gpc::reporters
