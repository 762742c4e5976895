#pragma once
// Waivers (`run --waivers FILE`, docs/reports.md, Waivers): failures an assurance team has
// accepted for now, each with a reason, the ticket or deviation that records it, who accepted
// it and the last day it applies. A waived failure is reported as `waived`, never as a pass; an
// expired waiver leaves the failure standing and says that it expired.

#include <string>
#include <string_view>
#include <vector>

#include "runner/core/model.h"

namespace gpc::assure {

// Reads a waiver file:
//   {"waivers": [{"case": "SEC-HDR-*", "reason": "...", "reference": "DEV-12",
//                 "approved_by": "A. Reviewer", "expires": "2027-03-31"}]}
// Every field is a required non-empty string; `expires` a real calendar date YYYY-MM-DD.
// Throws LoadError naming the file, the JSON pointer and the reason.
std::vector<Waiver> loadWaivers(const std::string& path);

// Today's date in UTC as YYYY-MM-DD: the day a run judges expiry by.
std::string todayUtc();

// Applies the first waiver (file order) whose glob matches the case id to a failed or errored
// case: the verdict becomes Waived, or, when today is after the waiver's expiry date, stays and
// the reason starts "waiver REF expired on DATE: ". Other verdicts are left alone.
void applyWaivers(CaseResult& result, const std::vector<Waiver>& waivers, std::string_view today);

// One warning per waiver that waived nothing in this run: it matches no case that ran, or the
// cases it matches did not fail (the waiver may be out of date).
std::vector<std::string> unusedWaiverWarnings(const std::vector<Waiver>& waivers,
                                              const std::vector<CaseResult>& cases);

// "waiver 2 ('SEC-HDR-*', DEV-12)": how messages name a waiver; `index` counts from 0.
std::string describeWaiver(const Waiver& waiver, std::size_t index);

}  // namespace gpc::assure
