#pragma once
// The report files a run can write, keyed by the name `run --report` gives them. This is the
// only place the names live: the CLI, the signed manifest and the docs' list all read it.
//
// In the manner of Catch2's reporter registrars, each reporter registers itself from its own
// file (registerJUnitReporters in junit_reporter.cpp, ...), but without static initialisers:
// standardReporters() calls each registrar, so a registry is a plain value and no global
// state is involved. Adding a reporter: its file with a registrar, and one line calling it in
// standard_reporters.cpp.

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "reporters/assurance_inputs.h"
#include "reporters/canonical_run.h"
#include "reporters/reporter.h"
#include "reporters/reporters.h"

namespace gpc::reporters {

// What every file reporter of one run may read besides its own path.
struct ReportSettings {
  SharedCanonicalRun canonical;                   // shared, so the canonical JSON is made once
  HtmlEvidence htmlEvidence = HtmlEvidence::Failed;  // --evidence
  SharedAssuranceInputs assurance;                // the signer, when the run is signed
};

struct ReporterEntry {
  std::string name = {};     // what --report names, e.g. "junit-strict"
  std::string summary = {};  // one line, for --help
  // The file the reporter writes: its `--<file>` option (e.g. --junit FILE) and the key two
  // reporters of one run may not share (junit and junit-strict are two shapes of junit.xml).
  std::string file = {};
  std::filesystem::path defaultFileName = {};  // in --out, e.g. "junit.xml"
  bool byDefault = false;                 // written when --report is not given
  // The signed manifest goes beside this report (report.json), whether or not it is written.
  bool holdsManifest = false;
  std::function<std::unique_ptr<Reporter>(const std::filesystem::path&, const ReportSettings&)> make = {};
  // Every file written for `path` (e.g. the report and its .sha256), which the manifest signs.
  // Empty: just `path`.
  std::function<std::vector<std::filesystem::path>(const std::filesystem::path&)> writes = {};

  std::vector<std::filesystem::path> filesWritten(const std::filesystem::path& path) const;
};

// A name --report gave that no reporter has; what() lists the known ones. The CLI adds a
// "did you mean" from known().
class UnknownReporterError : public std::invalid_argument {
 public:
  UnknownReporterError(std::string name, std::vector<std::string> known);
  const std::string& name() const { return name_; }
  const std::vector<std::string>& known() const { return known_; }

 private:
  std::string name_;
  std::vector<std::string> known_;
};

class ReporterRegistry {
 public:
  // Throws std::logic_error for a name registered twice (a programming error).
  void add(ReporterEntry entry);
  const ReporterEntry* find(std::string_view name) const;
  // Throws UnknownReporterError.
  const ReporterEntry& at(std::string_view name) const;
  // In registration order.
  const std::vector<ReporterEntry>& entries() const { return entries_; }
  std::vector<std::string> names() const;
  // The distinct `file` keys, in registration order: the CLI's --<file> FILE options.
  std::vector<std::string> files() const;

 private:
  std::vector<ReporterEntry> entries_;
};

// junit, junit-strict, json, html.
ReporterRegistry standardReporters();

}  // namespace gpc::reporters
