#pragma once
// The reporters the CLI plugs into a run: console, JUnit XML, JSON and HTML, each a
// gpc::Reporter (reporters/reporter.h). File reporters write in runFinished(), into a
// temporary file beside the target that is renamed over it, so a crash or a full disk
// never leaves a half-written report in place of a good one.
//
// Errors: a file reporter that cannot write throws ReportWriteError from runFinished()
// (the message names the report kind, the path and the OS reason). The CLI catches it,
// prints it and carries on with the other reporters.

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>

#include <vector>

#include "reporters/assurance_inputs.h"
#include "reporters/canonical_run.h"
#include "reporters/reporter.h"

namespace gpc::reporters {

// A report file could not be written; what() is ready to show to the user, e.g.
// "cannot write JUnit report 'out/junit.xml': Permission denied".
class ReportWriteError : public std::runtime_error {
 public:
  ReportWriteError(const std::string& message, std::filesystem::path path)
      : std::runtime_error(message), path_(std::move(path)) {}
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ConsoleOptions {
  // Colour escapes (green PASS, red FAIL...). Use detectConsoleOptions() to decide it from
  // the stream being a terminal, NO_COLOR and --no-color.
  bool color = false;
  // The stream is a terminal: passing cases update one progress line in place instead of
  // printing a line each; failures, errors and skips still get their own lines.
  bool interactive = false;
  // Print every check of a failing case (not only the failing ones).
  bool verbose = false;
};

// Options for a console on file descriptor `fd` (1 for stdout): interactive when it is a
// terminal; colour when it is a terminal, NO_COLOR is unset (set to anything, even empty,
// turns colour off) and !noColorFlag.
ConsoleOptions detectConsoleOptions(int fd, bool noColorFlag);

// One line per finished case, failure details, a per-capability table and as the last
// line exactly "N passed, N failed, N errored, N skipped" (CI tools grep for it).
// `canonical` (optional) is shared with the other reporters of the run, for the result digest.
std::unique_ptr<Reporter> makeConsoleReporter(std::ostream& out, ConsoleOptions options = {},
                                              SharedCanonicalRun canonical = nullptr);

// JUnit XML valid against both the Jenkins (junit-10.xsd) and Ant JUnit schemas.
std::unique_ptr<Reporter> makeJUnitReporter(std::filesystem::path path);

// The whole RunResult with all evidence (docs/reports.md). Also writes `<path>.sha256`
// in `sha256sum -c` format, the digest the HTML report shows.
std::unique_ptr<Reporter> makeJsonReporter(std::filesystem::path path, SharedCanonicalRun canonical = nullptr);

// One self-contained HTML file for an assurance reviewer, showing the SHA-256 digest of
// the canonical JSON result (the bytes makeJsonReporter writes).
// `assurance` (optional) adds the signer to the header and the assurance sections.
std::unique_ptr<Reporter> makeHtmlReporter(std::filesystem::path path, SharedCanonicalRun canonical = nullptr,
                                           SharedAssuranceInputs assurance = nullptr);

// Where makeRunReporters writes the three report files.
struct ReportPaths {
  std::filesystem::path junit;
  std::filesystem::path json;
  std::filesystem::path html;
};

// Writes the signed manifest over the report files of `paths` (and their .sha256 files) into
// inputs->manifestDir; must run after the reporters writing them.
std::unique_ptr<Reporter> makeManifestReporter(const ReportPaths& paths, SharedAssuranceInputs inputs);

// The reporters of one run, in the order they should be called: console, JUnit, JSON, HTML,
// and the manifest when `assurance` has a signer.
// They share one CanonicalRun, so the canonical JSON is rendered once per run, not once per
// report that needs it (JSON text, HTML digest, console digest).
std::vector<std::unique_ptr<Reporter>> makeRunReporters(std::ostream& console, ConsoleOptions options,
                                                        const ReportPaths& paths, SharedAssuranceInputs assurance = nullptr);

}  // namespace gpc::reporters
