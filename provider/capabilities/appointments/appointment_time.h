#pragma once
// Appointment Management times: the spec's dateTimes are UK local time with the offset written
// out ("2017-10-20T09:00:00+01:00" in BST, "+00:00" in GMT), and every rule (fully inside the
// search range, not in the past, at most 14 days) compares instants, so times are held as UNIX
// seconds and written back in UK local form.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gpc::provider::appointments {

using Instant = std::int64_t;  // UNIX seconds

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const CivilDate&) const = default;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t daysSinceEpoch(const CivilDate& d);
CivilDate civilFromDays(std::int64_t days);
CivilDate addDays(const CivilDate& d, int days);

// 3600 while British Summer Time is in force at `t` (last Sunday of March 01:00 UTC to last
// Sunday of October 01:00 UTC), else 0.
int ukOffsetSeconds(Instant t);

// The instant the UK wall clock shows `minuteOfDay` minutes past midnight on `d`.
Instant ukWallClock(const CivilDate& d, int minuteOfDay);

// "yyyy-mm-ddThh:mm:ss+hh:mm" in UK local time.
std::string ukLocalDateTime(Instant t);
// The UK local calendar date of `t`.
CivilDate ukDate(Instant t);
std::string isoDate(const CivilDate& d);  // yyyy-mm-dd

// A whole date "yyyy-mm-dd" (valid day, nothing else).
std::optional<CivilDate> parseDate(std::string_view s);
// A complete dateTime with seconds and an offset ("Z" or "+hh:mm"/"-hh:mm"); partial forms are
// rejected because the slot search page forbids them.
std::optional<Instant> parseDateTime(std::string_view s);

}  // namespace gpc::provider::appointments
