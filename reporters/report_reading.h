#pragma once
// Reading a JSON report from disk for commands that work on reports already written
// (`run --baseline`, `gpc-assure diff`, `gpc-assure requirements --report`).

#include <filesystem>
#include <string>

#include "reporters/run_json.h"

namespace gpc::reporters {

struct ReadReport {
  std::string path;    // the file read: `fileOrDir` itself, or fileOrDir/report.json
  std::string sha256;  // of its bytes
  RunResult run;
};

// `fileOrDir` is a report.json or a folder holding one. Throws JsonReportError whose message
// starts with the path: "OLD/report.json: cannot read: No such file or directory",
// "OLD/report.json: /cases/3/verdict: unknown verdict 'pass' (...)".
ReadReport readJsonReport(const std::filesystem::path& fileOrDir);

}  // namespace gpc::reporters
