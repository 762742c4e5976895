#pragma once
// Date rules of the record operations: FHIR partial dates read as day intervals (a "2015" onset
// covers 2015-01-01..2015-12-31), whole-date parameter checks and the dd-Mmm-yyyy display form.

#include <optional>
#include <string>
#include <string_view>

namespace gpc::provider::records {

struct DayInterval {
  std::string first;  // yyyy-mm-dd
  std::string last;   // yyyy-mm-dd
};

// "yyyy", "yyyy-mm", "yyyy-mm-dd" or a dateTime (its date part) -> the days it covers.
std::optional<DayInterval> dayInterval(std::string_view fhirDate);

// True only for a complete calendar date "yyyy-mm-dd" (no time, no offset, valid day).
bool isWholeDate(std::string_view value);

// "2019-03-07" -> "07-Mar-2019" (the HTML and warning-note display form); partial dates keep
// their precision ("Mar-2019", "2019").
std::string displayDate(std::string_view fhirDate);

// Whether an item dated `itemDate` (possibly partial, possibly empty = unknown) overlaps the
// closed range [from, to] (each yyyy-mm-dd or empty for open). Unknown dates match (spec:
// unknown-date items are returned with matches).
bool overlaps(std::string_view itemStart, std::string_view itemEnd, std::string_view from, std::string_view to);

}  // namespace gpc::provider::records
