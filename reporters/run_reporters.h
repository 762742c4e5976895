#pragma once
// The reporters of one run, made from its report plan (reporters/report_plan.h).

#include <iosfwd>
#include <memory>
#include <vector>

#include "reporters/report_plan.h"
#include "reporters/reporter_registry.h"
#include "reporters/reporters.h"

namespace gpc::reporters {

// Writes the signed manifest over the files the plan's reports write (each reporter's
// filesWritten) into inputs->manifestDir; must run after the reporters writing them.
std::unique_ptr<Reporter> makeManifestReporter(const std::vector<PlannedReport>& plan, SharedAssuranceInputs inputs);

// The console, then the plan's reports in its order, then the manifest when
// settings.assurance has a signer. They share one CanonicalRun (made here when
// settings.canonical is empty), so the canonical JSON is rendered once per run, not once per
// report that needs it (JSON text, HTML digest, console digest).
std::vector<std::unique_ptr<Reporter>> makeRunReporters(std::ostream& console, ConsoleOptions options,
                                                        const std::vector<PlannedReport>& plan,
                                                        ReportSettings settings = {});

}  // namespace gpc::reporters
