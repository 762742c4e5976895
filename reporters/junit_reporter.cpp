// JUnit XML for CI: one <testsuite> per suite id, one <testcase> per expanded case.
//
// Two shapes (docs/reports.md, JUnit XML), because the CI tools and the schemas disagree:
// - per case (the default): each <testcase> carries its own <properties> (requirement, tags...)
//   and a <system-out> with its exchanges, which is where Jenkins' JUnit plugin, GitLab and
//   xunit-viewer look. Neither published schema allows <properties> inside a <testcase>.
// - strict: the intersection of the Jenkins xUnit schema (junit-10.xsd) and the stricter Ant
//   schema: no attributes on <testsuites>; each <testsuite> has package, id, timestamp (no
//   zone), hostname, then properties, testcases, system-out, system-err in that order; a
//   testcase has at most one of failure/error/skipped and no other children. Per-case metadata
//   therefore lives in suite properties named "<case id>.requirement" and so on, and the
//   exchanges in the suite's <system-out>, each line headed by its case id.

#include <unistd.h>

#include <algorithm>
#include <climits>
#include <ctime>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "reporters/case_summary.h"
#include "reporters/latency_lines.h"
#include "reporters/report_file.h"
#include "reporters/reporter_registry.h"
#include "reporters/reporters.h"
#include "reporters/shard_label.h"
#include "reporters/text_safety.h"
#include "reporters/waiver_text.h"

namespace gpc::reporters {
namespace {

std::string seconds(double ms) { return fmt::format("{:.3f}", std::max(0.0, ms) / 1000.0); }

// Ant wants "YYYY-MM-DDThh:mm:ss" without a zone; the run's start is ISO 8601 UTC.
std::string antTimestamp(const std::string& startedAt) {
  static const std::regex kPrefix(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})");
  std::smatch m;
  if (std::regex_search(startedAt, m, kPrefix)) return m.str();
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
  return buf;
}

std::string hostName() {
  char buf[HOST_NAME_MAX + 1] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf;
}

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

void setAttr(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(toXmlText(value).c_str());
}

void addProperty(pugi::xml_node properties, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  auto p = properties.append_child("property");
  setAttr(p, "name", name);
  setAttr(p, "value", value);
}

// The check kind of the first failing check, so CI tools can group failures by kind.
std::string failureType(const CaseResult& r) {
  for (const auto& c : r.checks) {
    if (!c.passed) return c.kind.empty() ? "check" : c.kind;
  }
  return "check";
}

void addOutcome(pugi::xml_node testcase, const CaseResult& r) {
  const std::string message = r.reason.empty() ? std::string(toString(r.verdict)) : r.reason;
  pugi::xml_node outcome;
  switch (r.verdict) {
    case Verdict::Passed:
    case Verdict::Flaky:  // passed in the end; its failing attempts are the flaky* elements
      return;
    case Verdict::Failed:
      outcome = testcase.append_child("failure");
      setAttr(outcome, "type", failureType(r));
      break;
    case Verdict::Errored:
      outcome = testcase.append_child("error");
      setAttr(outcome, "type", "error");
      break;
    case Verdict::Skipped:
      outcome = testcase.append_child("skipped");  // Ant allows only message here
      break;
    case Verdict::Waived:
      // JUnit has no waived outcome; skipped is the one that neither passes nor fails the build,
      // and its message says it is a waived failure, never a skip.
      outcome = testcase.append_child("skipped");
      setAttr(outcome, "message", "waived " + std::string(toString(r.waiver ? r.waiver->original : Verdict::Failed)) +
                                      " case, " + (r.waiver ? waiverSummary(*r.waiver) : std::string("waived")) +
                                      "; failure: " + message);
      return;
  }
  setAttr(outcome, "message", message);
  if (r.verdict != Verdict::Skipped) {
    outcome.append_child(pugi::node_pcdata).set_value(toXmlText(evidenceSummary(r)).c_str());
  }
}

// "gpc.<capability>.<rest of the suite id>" with the rest's dots made dashes, so every case's
// package is gpc.<capability> and its class the suite: CI tools split the classname at its
// last dot, and suite ids have one to three parts ("http", "foundations.patient.read").
std::string packageName(const CaseInfo& info) { return "gpc." + (info.capability.empty() ? "none" : info.capability); }

std::string className(const CaseInfo& info) {
  const std::string capability = info.capability.empty() ? "none" : info.capability;
  std::string rest = info.suiteId;
  if (rest.rfind(capability + ".", 0) == 0) rest = rest.substr(capability.size() + 1);
  if (rest.empty()) rest = "suite";
  std::replace(rest.begin(), rest.end(), '.', '-');
  return packageName(info) + "." + rest;
}

// The case's metadata as name/value pairs; `prefix` is "<case id>." at suite level.
void addCaseProperties(pugi::xml_node properties, const CaseInfo& info, const std::string& prefix) {
  addProperty(properties, prefix + "requirement", info.requirement);
  addProperty(properties, prefix + "official", joined(info.official, "; "));
  addProperty(properties, prefix + "tags", joined(info.tags, ", "));
  addProperty(properties, prefix + "note", info.note);
}

void setText(pugi::xml_node node, std::string_view text) {
  if (!text.empty()) node.append_child(pugi::node_pcdata).set_value(toXmlText(text).c_str());
}

// The earlier attempts of a retried case as Maven Surefire writes reruns: <flakyFailure> /
// <flakyError> when it passed in the end, <rerunFailure> / <rerunError> when it never did; each
// with its evidence as <stackTrace> and its exchanges as <system-out>. Jenkins' JUnit plugin and
// GitLab read them; the Ant schema has no place for them, so the strict form does not use them.
void addRetriedAttempts(pugi::xml_node testcase, const CaseResult& r) {
  const std::string kind = r.verdict == Verdict::Flaky ? "flaky" : "rerun";
  for (const auto& attempt : r.retried) {
    const CaseResult earlier = attemptResult(r, attempt);
    auto element = testcase.append_child((kind + (attempt.verdict == Verdict::Errored ? "Error" : "Failure")).c_str());
    setAttr(element, "message", attempt.reason.empty() ? std::string(toString(attempt.verdict)) : attempt.reason);
    setAttr(element, "type", attempt.verdict == Verdict::Errored ? "error" : failureType(earlier));
    setText(element.append_child("stackTrace"), evidenceSummary(earlier));
    setText(element.append_child("system-out"), exchangeSummary(earlier));
  }
}

// Strict form: the attempts as one suite property per case, "<id>.retried".
std::string retriedText(const CaseResult& r) {
  std::string text;
  for (std::size_t k = 0; k < r.retried.size(); ++k)
    text += fmt::format("{}attempt {} {}: {}", k ? "; " : "", k + 1, toString(r.retried[k].verdict), r.retried[k].reason);
  return text;
}

class JUnitReporter final : public Reporter {
 public:
  JUnitReporter(std::filesystem::path path, JUnitStyle style) : path_(std::move(path)), style_(style) {}

  void runFinished(const RunResult& result) override {
    writeReportFile(path_, render(result), "JUnit report");
  }

 private:
  std::string render(const RunResult& result) const {
    // Suites in order of first appearance, each with its cases in run order.
    std::vector<std::pair<std::string, std::vector<const CaseResult*>>> suites;
    for (const auto& c : result.cases) {
      auto it = std::find_if(suites.begin(), suites.end(), [&](const auto& s) { return s.first == c.info.suiteId; });
      if (it == suites.end()) it = suites.insert(suites.end(), {c.info.suiteId, {}});
      it->second.push_back(&c);
    }

    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("testsuites");
    const std::string timestamp = antTimestamp(result.info.startedAt);
    const std::string host = hostName();
    const bool strict = style_ == JUnitStyle::Strict;
    int id = 0;
    for (const auto& [suiteId, cases] : suites) {
      RunSummary counts;
      double ms = 0;
      for (const auto* c : cases) {
        tally(counts, c->verdict);
        ms += std::max(0.0, c->durationMs);
      }
      const std::string name = suiteId.empty() ? "(no suite)" : suiteId;
      auto suite = root.append_child("testsuite");
      setAttr(suite, "name", name);
      setAttr(suite, "package", packageName(cases.front()->info));
      setAttr(suite, "id", std::to_string(id++));
      setAttr(suite, "tests", std::to_string(counts.total));
      setAttr(suite, "failures", std::to_string(counts.failed));
      setAttr(suite, "errors", std::to_string(counts.errored));
      setAttr(suite, "skipped", std::to_string(counts.skipped + counts.waived));  // waived cases are <skipped>
      setAttr(suite, "time", seconds(ms));
      setAttr(suite, "timestamp", timestamp);
      setAttr(suite, "hostname", host);

      auto properties = suite.append_child("properties");
      const CaseInfo& first = cases.front()->info;
      addProperty(properties, "capability", first.capability);
      addProperty(properties, "spec_version", first.specVersion);
      addProperty(properties, "suite_file", first.suiteFile);
      addProperty(properties, "target", result.info.targetName);
      addProperty(properties, "tool_version", result.info.toolVersion);
      addProperty(properties, "stopped", result.stopped);  // only when the run ended early
      addProperty(properties, "shard", shardLabel(result.info.shard, result.summary.total));  // only when sharded
      if (strict)
        for (const auto* c : cases) {
          addCaseProperties(properties, c->info, c->info.id + ".");
          if (c->verdict == Verdict::Flaky) addProperty(properties, c->info.id + ".flaky", c->reason);
          addProperty(properties, c->info.id + ".retried", retriedText(*c));
          if (c->waiver) addProperty(properties, c->info.id + ".waiver", waiverSummary(*c->waiver));
        }

      std::string suiteOut;
      for (const auto* c : cases) {
        auto testcase = suite.append_child("testcase");
        setAttr(testcase, "name", c->info.title.empty() ? c->info.id : c->info.id + " " + c->info.title);
        setAttr(testcase, "classname", className(c->info));
        setAttr(testcase, "time", seconds(c->durationMs));
        // Warnings (over a SHOULD limit) lead the case's output: JUnit has no outcome for them.
        const std::string exchanges = warningText(*c) + exchangeSummary(*c);
        if (strict) {
          addOutcome(testcase, *c);
          std::istringstream lines(exchanges);
          for (std::string line; std::getline(lines, line);) suiteOut += c->info.id + ": " + line + "\n";
          continue;
        }
        auto caseProperties = testcase.append_child("properties");
        addCaseProperties(caseProperties, c->info, "");
        if (c->waiver) addProperty(caseProperties, "waiver", waiverSummary(*c->waiver));
        if (!caseProperties.first_child()) testcase.remove_child(caseProperties);
        addOutcome(testcase, *c);
        addRetriedAttempts(testcase, *c);
        if (!exchanges.empty()) setText(testcase.append_child("system-out"), exchanges);
      }
      setText(suite.append_child("system-out"), suiteOut);
      suite.append_child("system-err");
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_indent | pugi::format_save_file_text, pugi::encoding_utf8);
    return out.str();
  }

  std::filesystem::path path_;
  JUnitStyle style_;
};

}  // namespace

std::unique_ptr<Reporter> makeJUnitReporter(std::filesystem::path path, JUnitStyle style) {
  return std::make_unique<JUnitReporter>(std::move(path), style);
}

void registerJUnitReporters(ReporterRegistry& registry) {
  const auto shape = [](JUnitStyle style) {
    return [style](const std::filesystem::path& path, const ReportSettings&) { return makeJUnitReporter(path, style); };
  };
  registry.add({.name = "junit",
                .summary = "JUnit XML, per-case properties and output (Jenkins JUnit plugin, GitLab, xunit-viewer)",
                .file = "junit",
                .defaultFileName = "junit.xml",
                .byDefault = true,
                .make = shape(JUnitStyle::PerCase)});
  registry.add({.name = "junit-strict",
                .summary = "JUnit XML valid against the Ant and Jenkins xUnit schemas",
                .file = "junit",
                .defaultFileName = "junit.xml",
                .make = shape(JUnitStyle::Strict)});
}

}  // namespace gpc::reporters
