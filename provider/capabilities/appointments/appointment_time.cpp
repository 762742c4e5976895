#include "provider/capabilities/appointments/appointment_time.h"

#include <cstdio>

namespace gpc::provider::appointments {
namespace {

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Digits at s[pos, pos+n) as a number, or -1.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// 01:00 UTC on the last Sunday of `month` in `year`.
Instant lastSundayOneAmUtc(int year, int month) {
  const CivilDate last{year, month, daysInMonth(year, month)};
  const std::int64_t days = daysSinceEpoch(last);
  const int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 0 = Sunday (1970-01-01 was a Thursday)
  return (days - weekday) * 86400 + 3600;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

std::int64_t daysSinceEpoch(const CivilDate& d) {
  // Howard Hinnant's days_from_civil.
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month > 2 ? d.month - 3 : d.month + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

CivilDate addDays(const CivilDate& d, int days) { return civilFromDays(daysSinceEpoch(d) + days); }

int ukOffsetSeconds(Instant t) {
  const int year = civilFromDays(t >= 0 ? t / 86400 : (t - 86399) / 86400).year;
  return t >= lastSundayOneAmUtc(year, 3) && t < lastSundayOneAmUtc(year, 10) ? 3600 : 0;
}

Instant ukWallClock(const CivilDate& d, int minuteOfDay) {
  const Instant asUtc = daysSinceEpoch(d) * 86400 + minuteOfDay * 60;
  // The offset in force an hour either side of the change differs; the later guess wins, which
  // is right for every time the provider's schedules use (none falls in the changeover hour).
  return asUtc - ukOffsetSeconds(asUtc - 3600);
}

CivilDate ukDate(Instant t) {
  const Instant local = t + ukOffsetSeconds(t);
  return civilFromDays(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

std::string isoDate(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string ukLocalDateTime(Instant t) {
  const int offset = ukOffsetSeconds(t);
  const Instant local = t + offset;
  const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const int secs = static_cast<int>(local - days * 86400);
  return isoDate(civilFromDays(days)) + "T" + two(secs / 3600) + ":" + two(secs / 60 % 60) + ":" + two(secs % 60) +
         (offset ? "+01:00" : "+00:00");
}

std::optional<CivilDate> parseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const int y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return std::nullopt;
  return CivilDate{y, m, d};
}

std::optional<Instant> parseDateTime(std::string_view s) {
  if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  const auto date = parseDate(s.substr(0, 10));
  const int hh = digits(s, 11, 2), mm = digits(s, 14, 2), ss = digits(s, 17, 2);
  if (!date || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return std::nullopt;
  std::string_view zone = s.substr(19);
  if (!zone.empty() && zone.front() == '.') {  // fractional seconds are allowed by FHIR
    std::size_t i = 1;
    while (i < zone.size() && zone[i] >= '0' && zone[i] <= '9') ++i;
    if (i == 1) return std::nullopt;
    zone.remove_prefix(i);
  }
  int offset = 0;
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int oh = digits(zone, 1, 2), om = digits(zone, 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset = (oh * 3600 + om * 60) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  return daysSinceEpoch(*date) * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

}  // namespace gpc::provider::appointments
