#pragma once
// FHIRPath dates, date-times and times with partial precision ("2015", "2015-02-04T14",
// "T10:30") and the comparison rules that go with them: equal up to the shared precision
// but with different precisions is "unknown" (an empty result), not false.

#include <optional>
#include <string>
#include <string_view>

namespace gpc::fhirpath::detail {

struct Temporal {
  enum class Kind { Date, DateTime, Time };
  Kind kind = Kind::DateTime;
  // Components in order: year, month, day, hour, minute, second, millisecond.
  int parts[7] = {0, 1, 1, 0, 0, 0, 0};
  int precision = 0;  // how many of `parts` are given (seconds and milliseconds count as one)
  std::optional<int> offsetMinutes;  // time-zone offset, when given
};

// Parses FHIR/FHIRPath text ("2015-02-04T14:34:28+10:00", "T14:34", "14:34:00" for a Time)
// as `kind` wants; nullopt when it is not one.
std::optional<Temporal> parseTemporal(std::string_view text, Temporal::Kind kind);
// Any of the three kinds, guessing from the text.
std::optional<Temporal> parseAnyTemporal(std::string_view text);

// -1, 0, 1, or nullopt when the precisions differ where the values agree.
std::optional<int> compareTemporal(const Temporal& a, const Temporal& b);
// Equivalence (~): different precision is simply false.
bool equivalentTemporal(const Temporal& a, const Temporal& b);

std::string formatTemporal(const Temporal& t);  // the FHIRPath text form, without '@'

// Adds `amount` of a calendar unit ("year", "month", "week", "day", "hour", "minute",
// "second", "millisecond", or UCUM 'a','mo','wk','d','h','min','s','ms'); nullopt when the
// unit is not a time unit. A sum outside years 1 to 9999 has no `value` but is not refused:
// it is empty, as arithmetic that overflows is (FHIRPath §6.6).
struct DurationSum {
  bool unitRefused = false;
  std::optional<Temporal> value;
};
DurationSum addDuration(const Temporal& t, double amount, std::string_view unit);

}  // namespace gpc::fhirpath::detail
