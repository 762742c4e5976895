#pragma once
// Run results for the reporter tests, including one full of what a hostile or broken
// provider might send back: markup, quotes, NUL and other control bytes, invalid UTF-8,
// "]]>" and terminal escape sequences.

#include <string>

#include "runner/core/model.h"

namespace gpc::reporters::testing {

// Markup, quotes, NUL, C0 controls, ESC, "]]>", a lone continuation byte and an overlong form.
inline const std::string kHostile =
    std::string("<script>alert('x')</script></textarea>\"quoted\" & ]]> \x1b[31mred") + std::string("\0\x01\x08", 3) +
    "\x0b\x0c \xff\xfe \x80 \xc0\xaf end";

inline Exchange sampleExchange(std::string responseBody) {
  Exchange x;
  x.step = "main";
  x.interaction = "read:patient";
  x.request.method = "GET";
  x.request.url = "http://127.0.0.1:8080/Patient/2";
  x.request.headers = {{"Ssp-TraceID", "0f6c7f7e-0d5f-4a9b-9a57-1c9c2d0a0b11"},
                       {"Accept", "application/fhir+json"},
                       {"accept", "application/fhir+json"}};
  x.jwtPayload = R"({"iss":"http://gpconnect-postman-url","aud":"https://provider.thirdparty.nhs.uk/GP0001/STU3/1","exp":1700000300})";
  x.response.status = 200;
  x.response.httpVersion = "1.1";
  x.response.headers = {{"Content-Type", "application/fhir+json;charset=utf-8"}, {"Cache-Control", "no-store"}};
  x.response.body = std::move(responseBody);
  x.response.elapsedMs = 12.25;
  x.response.contentEncoding = "gzip";
  return x;
}

inline CaseResult sampleCase(std::string id, Verdict verdict, std::string suite = "foundations.patient.read",
                             std::string capability = "foundations") {
  CaseResult c;
  c.info.id = std::move(id);
  c.info.title = "Read a registered patient";
  c.info.suiteId = std::move(suite);
  c.info.suiteFile = "foundations/patient-read.json";
  c.info.capability = std::move(capability);
  c.info.specVersion = "1.6.2";
  c.info.tags = {"foundations", "patient"};
  c.info.requirement = "foundations_use_case_read_a_patient#response";
  c.info.official = {"PatientRead.feature: Read patient 404 if patient not found"};
  c.info.note = "the spec page and the example disagree; the page wins";
  c.verdict = verdict;
  c.durationMs = 12.4;
  c.checks.push_back({"header", "Cache-Control", true, "present", "no-store", "no-store", "main"});
  if (verdict == Verdict::Failed) {
    c.reason = "status: expected 200, got 404";
    c.checks.push_back({"status", "", false, "unexpected status", "200", "404", "main"});
  } else if (verdict == Verdict::Errored) {
    c.reason = "connection refused";
  } else if (verdict == Verdict::Skipped) {
    c.reason = "not applicable to this provider";
    c.checks.clear();
  }
  if (verdict != Verdict::Skipped) c.exchanges.push_back(sampleExchange(R"({"resourceType":"Patient","id":"2"})"));
  return c;
}

inline RunResult withSummary(RunResult r) {
  r.summary = summarise(r.cases);
  return r;
}

inline RunInfo sampleInfo() {
  RunInfo i;
  i.toolVersion = "0.1.0";
  i.targetName = "embedded reference provider";
  i.targetFile = "fixtures/targets/local.json";
  i.endpoints = {{"foundations", "http://127.0.0.1:8080/STU3/1/gpconnect/fhir"},
                 {"documents", "http://127.0.0.1:8080/STU3/1/gpconnect/documents/fhir"}};
  i.startedAt = "2024-05-01T09:30:00Z";
  i.jobs = 2;
  i.filters = {"--tag foundations"};
  i.seed = 4035225266123964u;  // above 2^32, below 2^53: read back exactly
  return i;
}

// One case of each verdict over two suites and two capabilities.
inline RunResult sampleRun() {
  RunResult r;
  r.info = sampleInfo();
  r.finishedAt = "2024-05-01T09:30:02Z";
  r.durationMs = 2100.5;
  r.cases.push_back(sampleCase("FND-PAT-READ-001", Verdict::Passed));
  r.cases.push_back(sampleCase("FND-PAT-READ-002", Verdict::Failed));
  r.cases.push_back(sampleCase("SEC-HDR-001", Verdict::Errored, "security.headers", "security"));
  r.cases.push_back(sampleCase("SEC-HDR-002", Verdict::Skipped, "security.headers", "security"));
  return withSummary(std::move(r));
}

// A failing case whose every target-supplied field carries kHostile.
inline RunResult hostileRun() {
  RunResult r;
  r.info = sampleInfo();
  r.info.targetName = kHostile;
  r.info.faults = {kHostile};
  CaseResult c = sampleCase("HOSTILE-001", Verdict::Failed, "hostile.suite]]>", "foundations");
  c.info.title = kHostile;
  c.info.requirement = kHostile;
  c.info.tags.push_back(kHostile);
  c.reason = kHostile;
  c.checks.push_back({"header", kHostile, false, kHostile, kHostile, kHostile, "main"});
  c.exchanges.push_back(sampleExchange(kHostile));
  c.exchanges.back().response.headers.push_back({kHostile, kHostile});
  c.exchanges.back().jwtPayload = kHostile;
  r.cases.push_back(std::move(c));
  return withSummary(std::move(r));
}

}  // namespace gpc::reporters::testing
