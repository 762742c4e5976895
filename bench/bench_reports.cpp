// Report writing at the end of a run: console, JUnit, JSON and HTML over a synthetic RunResult
// (5,000 cases by default, shaped like the suites': a few checks, one or two exchanges with
// headers, a JWT and a FHIR JSON body of a few KB; one case in ten failing).
//
// Two rows in the same run:
//   separate  - each reporter made on its own (makeConsoleReporter, makeJUnitReporter, ...), so
//               the JSON, HTML and console reporters each render the canonical JSON: the old path;
//   shared    - makeRunReporters, whose reporters share one CanonicalRun: what `run` does.
// Plus the parts: canonicalJson alone, and each reporter's runFinished in the shared set.
//
//   bench_reports [--cases N] [--repeat R]      (Release build; prints the best of R, in ms)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "reporters/reporters.h"
#include "reporters/run_reporters.h"
#include "reporters/run_json.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using gpc::reporters::ConsoleOptions;

std::string patientBody(int i) {
  std::string names;
  for (int k = 0; k < 12; ++k) {
    names += R"({"use":"official","family":"Family)" + std::to_string(i) + "-" + std::to_string(k) +
             R"(","given":["Given","Middle"],"prefix":["Mr"]},)";
  }
  names.pop_back();
  return R"({"resourceType":"Patient","id":")" + std::to_string(i) +
         R"(","meta":{"versionId":"1","profile":["https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1"]},"identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9690937286"}],"name":[)" +
         names + R"(],"gender":"female","birthDate":"1926-01-16"})";
}

gpc::Exchange exchange(int i, const std::string& step) {
  gpc::Exchange x;
  x.step = step;
  x.interaction = "read:patient";
  x.request.method = "GET";
  x.request.url = "http://127.0.0.1:41234/STU3/1/gpconnect/fhir/Patient/" + std::to_string(i);
  x.request.headers = {{"Ssp-TraceID", "0f6c7f7e-0d5f-4a9b-9a57-1c9c2d0a0b11"},
                       {"Ssp-From", "200000000359"},
                       {"Ssp-To", "918999198993"},
                       {"Ssp-InteractionID", "urn:nhs:names:services:gpconnect:fhir:rest:read:patient-1"},
                       {"Authorization", "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJ4In0."},
                       {"Accept", "application/fhir+json"}};
  x.jwtPayload = R"({"iss":"http://gpconnect-postman-url","sub":"1","aud":"https://provider.thirdparty.nhs.uk/GP0001/STU3/1","exp":1700000300,"iat":1700000000,"reason_for_request":"directcare","requested_scope":"patient/*.read"})";
  x.response.status = 200;
  x.response.httpVersion = "1.1";
  x.response.headers = {{"Content-Type", "application/fhir+json;charset=utf-8"}, {"Cache-Control", "no-store"}};
  x.response.body = patientBody(i);
  x.response.elapsedMs = 3.25;
  return x;
}

gpc::RunResult syntheticRun(int cases) {
  gpc::RunResult r;
  r.info.toolVersion = "0.1.0";
  r.info.targetName = "embedded reference provider";
  r.info.endpoints = {{"foundations", "http://127.0.0.1:41234/STU3/1/gpconnect/fhir"}};
  r.info.startedAt = "2024-05-01T09:30:00Z";
  r.info.jobs = 2;
  r.finishedAt = "2024-05-01T09:31:00Z";
  r.durationMs = 60000;
  for (int i = 0; i < cases; ++i) {
    gpc::CaseResult c;
    c.info.id = "FND-PAT-READ-" + std::to_string(i);
    c.info.title = "Read a registered patient";
    c.info.suiteId = "foundations.patient.read." + std::to_string(i / 25);
    c.info.suiteFile = "foundations/patient-read.json";
    c.info.capability = i % 3 == 0 ? "foundations" : "structured";
    c.info.specVersion = "1.6.2";
    c.info.tags = {"foundations", "patient"};
    c.info.requirement = "foundations_use_case_read_a_patient#response";
    c.info.official = {"PatientRead.feature: Read patient"};
    c.verdict = i % 10 == 0 ? gpc::Verdict::Failed : gpc::Verdict::Passed;
    c.durationMs = 12.5;
    c.checks.push_back({"status", "", true, "200", "200", "200", "main"});
    c.checks.push_back({"header", "Cache-Control", true, "present", "no-store", "no-store", "main"});
    c.checks.push_back({"profile", "Patient", true, "valid", "CareConnect-GPC-Patient-1", "valid", "main"});
    c.checks.push_back({"fhirpath", "Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').exists()",
                        c.verdict == gpc::Verdict::Passed, "no NHS number", "true", "false", "main"});
    if (c.verdict == gpc::Verdict::Failed) c.reason = "fhirpath: expected true, got false";
    c.exchanges.push_back(exchange(i, "main"));
    if (i % 4 == 0) c.exchanges.push_back(exchange(i + 1, "follow-up"));
    r.cases.push_back(std::move(c));
  }
  r.summary = gpc::summarise(r.cases);
  return r;
}

double bestMs(int repeat, const std::function<void()>& work) {
  double best = 1e300;
  for (int k = 0; k < repeat; ++k) {
    const auto t0 = Clock::now();
    work();
    best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return best;
}

// The default reports (junit, json, html) in `dir`, as `run` plans them.
std::vector<gpc::reporters::PlannedReport> planIn(const gpc::reporters::ReporterRegistry& registry, const fs::path& dir) {
  return gpc::reporters::planReports(registry, std::nullopt, {dir, {}});
}

void runAll(const std::vector<std::unique_ptr<gpc::Reporter>>& reporters, const gpc::RunResult& r) {
  for (const auto& reporter : reporters) reporter->runFinished(r);
}

}  // namespace

int main(int argc, char** argv) {
  int cases = 5000;
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--cases") cases = std::atoi(argv[i + 1]);
    else if (flag == "--repeat") repeat = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: bench_reports [--cases N] [--repeat R]\n");
      return 2;
    }
  }
  if (cases < 1 || repeat < 1) {
    std::fprintf(stderr, "bench_reports: --cases and --repeat must be positive\n");
    return 2;
  }
  const fs::path dir = fs::temp_directory_path() / ("bench_reports." + std::to_string(::getpid()));
  const auto registry = gpc::reporters::standardReporters();  // outlives the plans pointing into it
  const gpc::RunResult run = syntheticRun(cases);
  std::size_t jsonBytes = 0;

  const double canonical = bestMs(repeat, [&] { jsonBytes = gpc::reporters::canonicalJson(run).size(); });
  const double separate = bestMs(repeat, [&] {
    std::ostringstream console;
    std::vector<std::unique_ptr<gpc::Reporter>> reporters;
    reporters.push_back(gpc::reporters::makeConsoleReporter(console, ConsoleOptions{}));
    reporters.push_back(gpc::reporters::makeJUnitReporter(dir / "junit.xml"));
    reporters.push_back(gpc::reporters::makeJsonReporter(dir / "report.json"));
    reporters.push_back(gpc::reporters::makeHtmlReporter(dir / "report.html"));
    runAll(reporters, run);
  });
  std::vector<double> parts(4, 1e300);
  const double shared = bestMs(repeat, [&] {
    std::ostringstream console;
    const auto reporters = gpc::reporters::makeRunReporters(console, ConsoleOptions{}, planIn(registry, dir));
    for (std::size_t k = 0; k < reporters.size(); ++k) {
      const auto t0 = Clock::now();
      reporters[k]->runFinished(run);
      parts[k] = std::min(parts[k], std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
  });
  std::error_code ec;
  fs::remove_all(dir, ec);

  std::printf("bench_reports: %d cases, canonical JSON %.1f MB, best of %d\n", cases, jsonBytes / 1e6, repeat);
  std::printf("%-36s %10.1f ms\n", "canonicalJson alone", canonical);
  std::printf("%-36s %10.1f ms\n", "separate reporters (old path)", separate);
  std::printf("%-36s %10.1f ms  (%.2fx faster)\n", "makeRunReporters (shared canonical)", shared, separate / shared);
  const char* names[] = {"  console (renders canonical JSON)", "  junit", "  json (reuses it)", "  html (reuses it)"};
  for (std::size_t k = 0; k < parts.size(); ++k) std::printf("%-36s %10.1f ms\n", names[k], parts[k]);
  return 0;
}
