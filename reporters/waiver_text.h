#pragma once
// How every report words a waiver, so the console, JUnit and HTML say the same thing.

#include <string>
#include <vector>

#include "runner/core/model.h"

namespace gpc::reporters {

// "waived by DEV-12 until 2027-03-31 (approved by A. Reviewer): the provider's fix is due in
// release 4", or "waiver DEV-12 expired on 2026-01-31 (approved by ...): ..." when expired.
std::string waiverSummary(const AppliedWaiver& applied);

// The console's recap of waived cases, empty when none was waived:
//   Waived failures: 2 cases
//     SEC-HDR-001  failed, waived by DEV-12 until 2027-03-31 (approved by ...): reason
std::vector<std::string> waivedRecapLines(const std::vector<CaseResult>& cases);

}  // namespace gpc::reporters
