#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reporters/digest.h"
#include "reporters/reporters.h"
#include "reporters/run_json.h"
#include "sample_results.h"
#include "temp_dir.h"

namespace gpc::reporters {
namespace {

using testing::hostileRun;
using testing::kHostile;
using testing::sampleRun;

void expectSameHeaders(const Headers& a, const Headers& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_EQ(a[i].value, b[i].value);
  }
}

// Field by field, so a field the writer forgets fails here by name.
void expectSameRun(const RunResult& a, const RunResult& b) {
  EXPECT_EQ(a.info.toolVersion, b.info.toolVersion);
  EXPECT_EQ(a.info.targetName, b.info.targetName);
  EXPECT_EQ(a.info.targetFile, b.info.targetFile);
  EXPECT_EQ(a.info.endpoints, b.info.endpoints);
  EXPECT_EQ(a.info.faults, b.info.faults);
  EXPECT_EQ(a.info.startedAt, b.info.startedAt);
  EXPECT_EQ(a.info.jobs, b.info.jobs);
  EXPECT_EQ(a.info.filters, b.info.filters);
  EXPECT_EQ(a.info.seed, b.info.seed);
  EXPECT_EQ(a.finishedAt, b.finishedAt);
  EXPECT_EQ(a.stopped, b.stopped);
  EXPECT_EQ(a.durationMs, b.durationMs);
  EXPECT_EQ(a.summary.total, b.summary.total);
  EXPECT_EQ(a.summary.passed, b.summary.passed);
  EXPECT_EQ(a.summary.failed, b.summary.failed);
  EXPECT_EQ(a.summary.errored, b.summary.errored);
  EXPECT_EQ(a.summary.skipped, b.summary.skipped);
  EXPECT_EQ(a.summary.waived, b.summary.waived);
  EXPECT_EQ(a.info.waiversFile, b.info.waiversFile);
  ASSERT_EQ(a.info.waivers.size(), b.info.waivers.size());
  for (std::size_t i = 0; i < a.info.waivers.size(); ++i) {
    EXPECT_EQ(a.info.waivers[i].caseGlob, b.info.waivers[i].caseGlob);
    EXPECT_EQ(a.info.waivers[i].reason, b.info.waivers[i].reason);
    EXPECT_EQ(a.info.waivers[i].reference, b.info.waivers[i].reference);
    EXPECT_EQ(a.info.waivers[i].approvedBy, b.info.waivers[i].approvedBy);
    EXPECT_EQ(a.info.waivers[i].expires, b.info.waivers[i].expires);
  }
  ASSERT_EQ(a.cases.size(), b.cases.size());
  for (std::size_t i = 0; i < a.cases.size(); ++i) {
    const CaseResult& x = a.cases[i];
    const CaseResult& y = b.cases[i];
    SCOPED_TRACE(x.info.id);
    EXPECT_EQ(x.info.id, y.info.id);
    EXPECT_EQ(x.info.title, y.info.title);
    EXPECT_EQ(x.info.suiteId, y.info.suiteId);
    EXPECT_EQ(x.info.suiteFile, y.info.suiteFile);
    EXPECT_EQ(x.info.capability, y.info.capability);
    EXPECT_EQ(x.info.specVersion, y.info.specVersion);
    EXPECT_EQ(x.info.tags, y.info.tags);
    EXPECT_EQ(x.info.requirement, y.info.requirement);
    EXPECT_EQ(x.info.official, y.info.official);
    EXPECT_EQ(x.info.note, y.info.note);
    EXPECT_EQ(x.verdict, y.verdict);
    EXPECT_EQ(x.reason, y.reason);
    EXPECT_EQ(x.durationMs, y.durationMs);
    ASSERT_EQ(x.waiver.has_value(), y.waiver.has_value());
    if (x.waiver) {
      EXPECT_EQ(x.waiver->waiver.caseGlob, y.waiver->waiver.caseGlob);
      EXPECT_EQ(x.waiver->waiver.reason, y.waiver->waiver.reason);
      EXPECT_EQ(x.waiver->waiver.reference, y.waiver->waiver.reference);
      EXPECT_EQ(x.waiver->waiver.approvedBy, y.waiver->waiver.approvedBy);
      EXPECT_EQ(x.waiver->waiver.expires, y.waiver->waiver.expires);
      EXPECT_EQ(x.waiver->original, y.waiver->original);
      EXPECT_EQ(x.waiver->expired, y.waiver->expired);
    }
    ASSERT_EQ(x.checks.size(), y.checks.size());
    for (std::size_t k = 0; k < x.checks.size(); ++k) {
      EXPECT_EQ(x.checks[k].kind, y.checks[k].kind);
      EXPECT_EQ(x.checks[k].subject, y.checks[k].subject);
      EXPECT_EQ(x.checks[k].passed, y.checks[k].passed);
      EXPECT_EQ(x.checks[k].errored, y.checks[k].errored);
      EXPECT_EQ(x.checks[k].message, y.checks[k].message);
      EXPECT_EQ(x.checks[k].expected, y.checks[k].expected);
      EXPECT_EQ(x.checks[k].actual, y.checks[k].actual);
      EXPECT_EQ(x.checks[k].step, y.checks[k].step);
      EXPECT_EQ(x.checks[k].warning, y.checks[k].warning);
    }
    ASSERT_EQ(x.exchanges.size(), y.exchanges.size());
    for (std::size_t k = 0; k < x.exchanges.size(); ++k) {
      const Exchange& p = x.exchanges[k];
      const Exchange& q = y.exchanges[k];
      EXPECT_EQ(p.step, q.step);
      EXPECT_EQ(p.interaction, q.interaction);
      EXPECT_EQ(p.kind, q.kind);
      EXPECT_EQ(p.request.method, q.request.method);
      EXPECT_EQ(p.request.url, q.request.url);
      expectSameHeaders(p.request.headers, q.request.headers);
      EXPECT_EQ(p.request.body, q.request.body);
      EXPECT_EQ(p.response.status, q.response.status);
      EXPECT_EQ(p.response.httpVersion, q.response.httpVersion);
      expectSameHeaders(p.response.headers, q.response.headers);
      EXPECT_EQ(p.response.body, q.response.body);
      EXPECT_EQ(p.response.bodyTruncated, q.response.bodyTruncated);
      EXPECT_EQ(p.response.contentEncoding, q.response.contentEncoding);
      EXPECT_EQ(p.response.elapsedMs, q.response.elapsedMs);
      EXPECT_EQ(p.response.providerMs, q.response.providerMs);
      EXPECT_EQ(p.response.transportError, q.response.transportError);
      EXPECT_EQ(p.jwtPayload, q.jwtPayload);
    }
  }
}

// Every field set to a distinct non-default value.
RunResult everyFieldRun() {
  RunResult r = sampleRun();
  Exchange& x = r.cases[1].exchanges[0];
  x.request.method = "POST";
  x.request.body = R"({"resourceType":"Parameters"})";
  x.response.bodyTruncated = true;
  x.response.transportError = "Operation timed out after 10001 milliseconds";
  x.response.status = 0;
  x.response.httpVersion = "2";
  Exchange second = x;
  second.step = "capture-id";
  second.response.body = std::string("\x1f\x8b\x08\x00binary\xff", 10);
  for (int b = 0; b < 256; ++b) second.request.body += static_cast<char>(b);  // every byte value
  r.cases[1].exchanges.push_back(second);
  r.info.faults = {"missing-cache-control", "wrong-content-type"};
  r.stopped = "run interrupted by SIGTERM";
  CheckResult errored{"profile", "Patient", false, "errored: no FHIR engine", "", "", "main"};
  errored.errored = true;
  r.cases[1].checks.push_back(errored);
  CheckResult slow{"latency", "response time (command)", true, "answered in 120.0 ms: over the SHOULD limit", "", "", "main"};
  slow.warning = true;
  r.cases[1].checks.push_back(slow);
  r.cases[0].exchanges[0].kind = "command";
  r.cases[0].exchanges[0].response.providerMs = 120.5;
  r.info.waiversFile = "waivers.json";
  r.info.waivers = {{"SEC-*", "fix due", "DEV-12", "A. Reviewer", "2027-03-31"},
                    {"FND-*", "old", "DEV-9", "B. Reviewer", "2020-01-31"}};
  r.cases[2].verdict = Verdict::Waived;
  r.cases[2].waiver = AppliedWaiver{r.info.waivers[0], Verdict::Errored, false};
  r.cases[1].waiver = AppliedWaiver{r.info.waivers[1], Verdict::Failed, true};
  r.summary = summarise(r.cases);
  return r;
}

TEST(JsonReport, RoundTripsEveryField) {
  const RunResult original = everyFieldRun();
  expectSameRun(original, runResultFromJson(canonicalJson(original)));
}

// 1.4: the shard, --retries, the flaky verdict and its earlier attempts come back byte for byte.
TEST(JsonReport, RoundTripsShardRetriesAndFlakyAttempts) {
  RunResult original = everyFieldRun();
  original.info.shard = {2, 3, 822, "durations from old/report.json", 0};
  original.info.retries = 2;
  CaseResult& flaky = original.cases[1];
  CaseAttempt attempt{Verdict::Errored, "no HTTP response: reset", flaky.checks, flaky.exchanges, 12.5};
  flaky.retried = {attempt, attempt};
  flaky.retried[1].verdict = Verdict::Failed;
  flaky.verdict = Verdict::Flaky;
  original.summary = summarise(original.cases);
  ASSERT_EQ(original.summary.flaky, 1);
  const std::string text = canonicalJson(original);
  const RunResult back = runResultFromJson(text);
  EXPECT_EQ(canonicalJson(back), text);
  EXPECT_EQ(back.info.shard.balancedBy, "durations from old/report.json");
  ASSERT_EQ(back.cases[1].retried.size(), 2u);
  EXPECT_EQ(back.cases[1].retried[0].verdict, Verdict::Errored);
  EXPECT_EQ(back.cases[1].retried[1].exchanges.size(), flaky.exchanges.size());
  EXPECT_NE(text.find("\"verdict\": \"flaky\""), std::string::npos);
  EXPECT_NE(canonicalJson(sampleRun()).find("\"shard\": null"), std::string::npos) << "a whole run's shard is null";
}

TEST(JsonReport, NonUtf8BodiesAreBase64WithAFlagAndComeBackExactly) {
  const RunResult original = hostileRun();
  const std::string json = canonicalJson(original);
  const auto doc = nlohmann::json::parse(json);
  const auto& response = doc["cases"][0]["exchanges"][1]["response"];
  EXPECT_EQ(response["body_encoding"], "base64");
  EXPECT_EQ(doc["cases"][0]["exchanges"][0]["response"]["body_encoding"], "utf-8");
  EXPECT_EQ(doc["cases"][0]["exchanges"][1]["jwt_payload_encoding"], "base64");
  const RunResult back = runResultFromJson(json);
  EXPECT_EQ(back.cases[0].exchanges[1].response.body, kHostile);
  EXPECT_EQ(back.cases[0].exchanges[1].jwtPayload, kHostile);
  // Other strings keep their valid text; the bad bytes become U+FFFD.
  EXPECT_NE(back.info.targetName.find("<script>alert('x')</script>"), std::string::npos);
  EXPECT_NE(back.info.targetName.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(JsonReport, IsStableAndCarriesItsSchemaVersionFirst) {
  const RunResult r = sampleRun();
  const std::string json = canonicalJson(r);
  EXPECT_EQ(json, canonicalJson(r));
  EXPECT_EQ(json.rfind("{\n  \"schema_version\": \"1.5\",\n  \"run\": {\n    \"tool_version\"", 0), 0u) << json.substr(0, 80);
  // Key order follows docs/reports.md, not alphabetical order.
  EXPECT_LT(json.find("\"id\""), json.find("\"title\""));
  EXPECT_LT(json.find("\"verdict\""), json.find("\"checks\""));
}

TEST(JsonReport, ChangingOneResultChangesTheDigest) {
  RunResult r = sampleRun();
  const std::string before = resultDigest(r);
  EXPECT_EQ(before, sha256Hex(canonicalJson(r)));
  EXPECT_EQ(before.size(), 64u);
  r.cases[1].verdict = Verdict::Passed;
  EXPECT_NE(resultDigest(r), before);
  r.cases[1].verdict = Verdict::Failed;
  EXPECT_EQ(resultDigest(r), before);
  r.cases[0].exchanges[0].response.headers[0].value += " ";
  EXPECT_NE(resultDigest(r), before);
}

TEST(JsonReport, Sha256MatchesTheKnownVector) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(JsonReport, BadInputNamesTheJsonPath) {
  std::string json = canonicalJson(sampleRun());
  const auto expectError = [](const std::string& text, const std::string& message) {
    try {
      runResultFromJson(text);
      ADD_FAILURE() << "no error for " << message;
    } catch (const JsonReportError& e) {
      EXPECT_EQ(std::string(e.what()), message);
    }
  };
  auto doc = nlohmann::ordered_json::parse(json);
  auto bad = doc;
  bad["cases"][2]["verdict"] = "pass";
  expectError(bad.dump(), "/cases/2/verdict: unknown verdict 'pass' (expected passed, failed, errored, skipped, flaky or waived)");
  bad = doc;
  bad["cases"][0]["exchanges"][0]["response"].erase("status");
  expectError(bad.dump(), "/cases/0/exchanges/0/response/status: missing");
  bad = doc;
  bad["cases"][0]["exchanges"][0]["response"]["body_encoding"] = "base64";
  bad["cases"][0]["exchanges"][0]["response"]["body"] = "***";
  expectError(bad.dump(), "/cases/0/exchanges/0/response/body: not valid base64");
  bad = doc;
  bad["schema_version"] = "2.0";
  expectError(bad.dump(), "/schema_version: schema version '2.0' is not readable by this version (expects 1.5)");
  bad = doc;
  bad["run"]["jobs"] = "two";
  expectError(bad.dump(), "/run/jobs: expected an integer");
  EXPECT_THROW(runResultFromJson("{"), JsonReportError);
  bad = doc;
  bad["run"]["seed"] = -1;
  expectError(bad.dump(), "/run/seed: expected a seed of 0 or more");
  bad = doc;
  bad["schema_version"] = "1.0";
  bad["run"].erase("seed");
  EXPECT_EQ(runResultFromJson(bad.dump()).info.seed, 0u) << "a 1.0 report has no seed";
  bad = doc;
  bad["cases"][0]["checks"][0].erase("errored");
  EXPECT_FALSE(runResultFromJson(bad.dump()).cases[0].checks[0].errored) << "errored is optional on reading";
}

TEST(JsonReport, LatencyRowsPerInteractionAndTheWarningCount) {
  RunResult r = sampleRun();
  for (auto& c : r.cases)
    for (auto& x : c.exchanges) {
      x.kind = "command";
      x.response.providerMs = 150;  // over the command SHOULD limit, under SHALL
    }
  r.cases[0].checks.push_back({"latency", "response time (command)", true, "over SHOULD", "", "", "main"});
  r.cases[0].checks.back().warning = true;
  const auto doc = nlohmann::json::parse(canonicalJson(r));
  EXPECT_EQ(doc["summary"]["warnings"], 1);
  ASSERT_EQ(doc["latency"].size(), 1u);
  const auto& row = doc["latency"][0];
  EXPECT_EQ(row["interaction"], r.cases[0].exchanges[0].interaction);
  EXPECT_EQ(row["kind"], "command");
  EXPECT_EQ(row["shall_ms"], 250);
  EXPECT_EQ(row["should_ms"], 100);
  EXPECT_EQ(row["p50_ms"], 150);
  EXPECT_EQ(row["max_ms"], 150);
  EXPECT_EQ(row["over_should"], row["count"]);
  EXPECT_EQ(row["over_shall"], 0);
  // A 1.2 report has no kinds: it reads back, and gives no latency rows.
  auto old = nlohmann::json::parse(canonicalJson(sampleRun()));
  EXPECT_EQ(old["latency"].size(), 0u);
}

TEST(JsonReport, ReporterWritesTheCanonicalTextAndItsDigestFile) {
  TempDir dir;
  const RunResult r = sampleRun();
  const auto path = dir.path() / "out" / "report.json";
  makeJsonReporter(path)->runFinished(r);
  EXPECT_EQ(readFile(path), canonicalJson(r));
  EXPECT_EQ(readFile(dir.path() / "out" / "report.json.sha256"), resultDigest(r) + "  report.json\n");
}

TEST(JsonReport, AWaivedCaseKeepsItsWaiverAndOriginalVerdict) {
  const auto doc = nlohmann::json::parse(canonicalJson(everyFieldRun()));
  EXPECT_EQ(doc["summary"]["waived"], 1);
  EXPECT_EQ(doc["cases"][2]["verdict"], "waived");
  EXPECT_EQ(doc["cases"][2]["waiver"]["reference"], "DEV-12");
  EXPECT_EQ(doc["cases"][2]["waiver"]["original_verdict"], "errored");
  EXPECT_EQ(doc["cases"][1]["waiver"]["expired"], true);
  EXPECT_TRUE(doc["cases"][0]["waiver"].is_null());
  EXPECT_EQ(doc["run"]["waivers"][1]["approved_by"], "B. Reviewer");
}

TEST(JsonReport, AWaiverOnAPassingVerdictIsRejectedByPath) {
  auto doc = nlohmann::json::parse(canonicalJson(everyFieldRun()));
  doc["cases"][2]["waiver"]["original_verdict"] = "passed";
  try {
    runResultFromJson(doc.dump());
    FAIL() << "accepted";
  } catch (const JsonReportError& e) {
    EXPECT_STREQ(e.what(), "/cases/2/waiver/original_verdict: a waiver applies only to a failed or errored case");
  }
}

}  // namespace
}  // namespace gpc::reporters
