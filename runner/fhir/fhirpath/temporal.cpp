#include "runner/fhir/fhirpath/temporal.h"

#include <cmath>
#include <cstdio>

namespace gpc::fhirpath::detail {
namespace {

constexpr int kYear = 0, kMonth = 1, kDay = 2, kHour = 3, kMinute = 4, kSecond = 5, kMilli = 6;


// Hinnant's days-from-civil: whole days since 1970-01-01.
long long daysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civilFromDays(long long z, int& y, int& m, int& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

int daysInMonth(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[(m - 1) % 12];
}

long long toEpochMillis(const Temporal& t) {
  long long days = t.kind == Temporal::Kind::Time ? 0 : daysFromCivil(t.parts[kYear], t.parts[kMonth], t.parts[kDay]);
  return (((days * 24 + t.parts[kHour]) * 60 + t.parts[kMinute]) * 60 + t.parts[kSecond]) * 1000 + t.parts[kMilli];
}

void fromEpochMillis(Temporal& t, long long ms) {
  long long dayMs = 86400000LL;
  long long days = ms >= 0 ? ms / dayMs : -((-ms + dayMs - 1) / dayMs);
  long long rest = ms - days * dayMs;
  if (t.kind != Temporal::Kind::Time) civilFromDays(days, t.parts[kYear], t.parts[kMonth], t.parts[kDay]);
  t.parts[kHour] = static_cast<int>(rest / 3600000);
  t.parts[kMinute] = static_cast<int>(rest / 60000 % 60);
  t.parts[kSecond] = static_cast<int>(rest / 1000 % 60);
  t.parts[kMilli] = static_cast<int>(rest % 1000);
}

// Seconds and milliseconds are one precision for comparison purposes.
int comparablePrecision(const Temporal& t) { return std::min(t.precision, kSecond + 1); }

Temporal toUtc(const Temporal& t) {
  if (!t.offsetMinutes || t.precision <= kHour || *t.offsetMinutes == 0) return t;
  Temporal u = t;
  fromEpochMillis(u, toEpochMillis(t) - static_cast<long long>(*t.offsetMinutes) * 60000);
  u.offsetMinutes = 0;
  return u;
}

}  // namespace

namespace {

// A hand-written scanner: dates are compared in invariants over every element, and
// std::regex is too slow to sit on that path.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  bool peekIs(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  // Exactly n digits.
  std::optional<int> digits(std::size_t n) {
    if (pos_ + n > text_.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      char c = text_[pos_ + i];
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    pos_ += n;
    return v;
  }
  // One or more digits as milliseconds ("5" -> 500, "1234" -> 123).
  std::optional<int> fraction() {
    std::size_t start = pos_;
    int ms = 0, count = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      if (count < 3) ms = ms * 10 + (text_[pos_] - '0');
      ++count, ++pos_;
    }
    if (pos_ == start) return std::nullopt;
    for (; count < 3; ++count) ms *= 10;
    return ms;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// hh(:mm(:ss(.fff)?)?)? into parts[kHour..kMilli]; false on malformed text.
bool scanTime(Scanner& s, Temporal& t) {
  auto h = s.digits(2);
  if (!h) return false;
  t.parts[kHour] = *h, t.precision = kHour + 1;
  if (!s.take(':')) return true;
  auto mi = s.digits(2);
  if (!mi) return false;
  t.parts[kMinute] = *mi, t.precision = kMinute + 1;
  if (!s.take(':')) return true;
  auto sec = s.digits(2);
  if (!sec) return false;
  t.parts[kSecond] = *sec, t.precision = kSecond + 1;
  if (!s.take('.')) return true;
  auto ms = s.fraction();
  if (!ms) return false;
  t.parts[kMilli] = *ms, t.precision = kMilli + 1;
  return true;
}

bool scanZone(Scanner& s, Temporal& t) {
  if (s.take('Z')) {
    t.offsetMinutes = 0;
    return true;
  }
  int sign = s.peekIs('-') ? -1 : 1;
  if (!s.take('+') && !s.take('-')) return true;  // no zone
  auto h = s.digits(2);
  if (!h || !s.take(':')) return false;
  auto m = s.digits(2);
  if (!m) return false;
  t.offsetMinutes = sign * (*h * 60 + *m);
  return true;
}

}  // namespace

std::optional<Temporal> parseTemporal(std::string_view text, Temporal::Kind kind) {
  Scanner s(text);
  Temporal t;
  t.kind = kind;
  if (kind == Temporal::Kind::Time) {
    s.take('T');
    if (!scanTime(s, t) || !s.done()) return std::nullopt;
  } else {
    auto y = s.digits(4);
    if (!y) return std::nullopt;
    t.parts[kYear] = *y, t.precision = 1;
    if (s.take('-')) {
      auto m = s.digits(2);
      if (!m) return std::nullopt;
      t.parts[kMonth] = *m, t.precision = 2;
      if (s.take('-')) {
        auto d = s.digits(2);
        if (!d) return std::nullopt;
        t.parts[kDay] = *d, t.precision = 3;
      }
    }
    if (s.take('T')) {
      if (kind == Temporal::Kind::Date) return std::nullopt;
      if (!s.done() && !s.peekIs('Z') && !s.peekIs('+') && !s.peekIs('-') && !scanTime(s, t)) return std::nullopt;
      if (!scanZone(s, t)) return std::nullopt;
    }
    if (!s.done()) return std::nullopt;
    if (t.parts[kMonth] < 1 || t.parts[kMonth] > 12 || t.parts[kDay] < 1 ||
        t.parts[kDay] > daysInMonth(t.parts[kYear], t.parts[kMonth]))
      return std::nullopt;
  }
  if (t.parts[kHour] > 23 || t.parts[kMinute] > 59 || t.parts[kSecond] > 59) return std::nullopt;
  return t;
}

std::optional<Temporal> parseAnyTemporal(std::string_view text) {
  if (!text.empty() && text[0] == 'T') return parseTemporal(text, Temporal::Kind::Time);
  if (text.find('T') != std::string_view::npos) return parseTemporal(text, Temporal::Kind::DateTime);
  if (text.size() >= 3 && text[2] == ':') return parseTemporal(text, Temporal::Kind::Time);
  return parseTemporal(text, Temporal::Kind::Date);
}

std::optional<int> compareTemporal(const Temporal& a0, const Temporal& b0) {
  bool aTime = a0.kind == Temporal::Kind::Time, bTime = b0.kind == Temporal::Kind::Time;
  if (aTime != bTime) return std::nullopt;
  Temporal a = a0, b = b0;
  if (a.offsetMinutes && b.offsetMinutes) a = toUtc(a0), b = toUtc(b0);
  // One with a time zone and one without cannot be placed on the same timeline.
  if (a.offsetMinutes.has_value() != b.offsetMinutes.has_value() && a.precision > kHour && b.precision > kHour)
    return std::nullopt;
  int pa = comparablePrecision(a), pb = comparablePrecision(b);
  int first = aTime ? kHour : kYear;
  for (int i = first; i < std::min(pa, pb); ++i) {
    long long va = a.parts[i], vb = b.parts[i];
    if (i == kSecond) va = va * 1000 + a.parts[kMilli], vb = vb * 1000 + b.parts[kMilli];
    if (va != vb) return va < vb ? -1 : 1;
  }
  if (pa != pb) return std::nullopt;
  return 0;
}

bool equivalentTemporal(const Temporal& a, const Temporal& b) {
  auto c = compareTemporal(a, b);
  return c && *c == 0;
}

std::string formatTemporal(const Temporal& t) {
  char buf[64];
  std::string out;
  int p = t.precision;
  if (t.kind != Temporal::Kind::Time) {
    std::snprintf(buf, sizeof buf, "%04d", t.parts[kYear]);
    out += buf;
    if (p > 1) std::snprintf(buf, sizeof buf, "-%02d", t.parts[kMonth]), out += buf;
    if (p > 2) std::snprintf(buf, sizeof buf, "-%02d", t.parts[kDay]), out += buf;
    if (p > 3) out += "T";
  }
  if (p > 3) std::snprintf(buf, sizeof buf, "%02d", t.parts[kHour]), out += buf;
  if (p > 4) std::snprintf(buf, sizeof buf, ":%02d", t.parts[kMinute]), out += buf;
  if (p > 5) std::snprintf(buf, sizeof buf, ":%02d", t.parts[kSecond]), out += buf;
  if (p > 6) std::snprintf(buf, sizeof buf, ".%03d", t.parts[kMilli]), out += buf;
  if (t.offsetMinutes && t.kind == Temporal::Kind::DateTime) {
    int o = *t.offsetMinutes;
    if (o == 0) {
      out += "Z";
    } else {
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", o < 0 ? '-' : '+', std::abs(o) / 60, std::abs(o) % 60);
      out += buf;
    }
  }
  return out;
}

DurationSum addDuration(const Temporal& t, double amount, std::string_view unit) {
  std::string u(unit);
  if (u.size() > 1 && u.back() == 's' && u != "ms") u.pop_back();
  const bool calendarMonths = u == "year" || u == "month";
  long long unitMs = 0;  // for the fixed-length units
  if (u == "week" || u == "wk") unitMs = 7 * 86400000LL;
  else if (u == "day" || u == "d") unitMs = 86400000LL;
  else if (u == "hour" || u == "h") unitMs = 3600000LL;
  else if (u == "minute" || u == "min") unitMs = 60000LL;
  else if (u == "second" || u == "s") unitMs = 1000;
  else if (u == "millisecond" || u == "ms") unitMs = 1;
  // UCUM 'a' and 'mo' are not calendar durations; FHIRPath refuses them for date arithmetic.
  if ((!calendarMonths && unitMs == 0) || (calendarMonths && t.kind == Temporal::Kind::Time)) return {true, std::nullopt};

  // FHIR dates are years 1 to 9999: an amount that would leave them gives empty, and is
  // refused before the integer arithmetic below could overflow. (A time of day wraps, but
  // an amount past 10,000 years of milliseconds is no time arithmetic anyone writes.)
  constexpr double kMaxYears = 10000, kMaxMillis = kMaxYears * 366 * 86400000.0;
  const double whole = std::trunc(amount);
  if (!std::isfinite(whole)) return {};
  if (calendarMonths ? std::abs(whole) > kMaxYears * 12 : std::abs(whole) * static_cast<double>(unitMs) > kMaxMillis)
    return {};
  const long long n = static_cast<long long>(whole);
  Temporal r = t;
  if (calendarMonths) {
    long long months = u == "year" ? n * 12 : n;
    long long total = static_cast<long long>(r.parts[kYear]) * 12 + (r.parts[kMonth] - 1) + months;
    if (total < 12 || total >= 10000 * 12) return {};  // before year 1 or after 9999
    r.parts[kYear] = static_cast<int>(total / 12);
    r.parts[kMonth] = static_cast<int>(total % 12) + 1;
    r.parts[kDay] = std::min(r.parts[kDay], daysInMonth(r.parts[kYear], r.parts[kMonth]));
  } else if (t.kind == Temporal::Kind::Time) {
    const long long day = 86400000LL;
    fromEpochMillis(r, ((toEpochMillis(t) + n * unitMs) % day + day) % day);
  } else {
    fromEpochMillis(r, toEpochMillis(t) + n * unitMs);
  }
  if (t.kind != Temporal::Kind::Time && (r.parts[kYear] < 1 || r.parts[kYear] > 9999)) return {};
  return {false, r};
}

}  // namespace gpc::fhirpath::detail
