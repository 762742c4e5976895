#include "provider/records/record_dates.h"

#include <array>
#include <cctype>

namespace gpc::provider::records {
namespace {

bool digits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

int daysInMonth(int year, int month) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[static_cast<size_t>(month - 1)];
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::optional<DayInterval> dayInterval(std::string_view d) {
  if (d.size() > 10 && d[10] == 'T') d = d.substr(0, 10);
  if (d.size() == 4 && digits(d)) return DayInterval{std::string(d) + "-01-01", std::string(d) + "-12-31"};
  if (d.size() == 7 && d[4] == '-' && digits(d.substr(0, 4)) && digits(d.substr(5, 2))) {
    const int year = std::stoi(std::string(d.substr(0, 4)));
    const int month = std::stoi(std::string(d.substr(5, 2)));
    if (month < 1 || month > 12) return std::nullopt;
    return DayInterval{std::string(d) + "-01", std::string(d) + "-" + two(daysInMonth(year, month))};
  }
  if (isWholeDate(d)) return DayInterval{std::string(d), std::string(d)};
  return std::nullopt;
}

bool isWholeDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  if (!digits(d.substr(0, 4)) || !digits(d.substr(5, 2)) || !digits(d.substr(8, 2))) return false;
  const int year = std::stoi(std::string(d.substr(0, 4)));
  const int month = std::stoi(std::string(d.substr(5, 2)));
  const int day = std::stoi(std::string(d.substr(8, 2)));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

std::string displayDate(std::string_view d) {
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (d.size() > 10) d = d.substr(0, 10);
  if (d.size() == 4) return std::string(d);
  if (d.size() < 7) return std::string(d);
  const int month = std::stoi(std::string(d.substr(5, 2)));
  const std::string mon = month >= 1 && month <= 12 ? months[static_cast<size_t>(month - 1)] : "???";
  if (d.size() == 7) return mon + "-" + std::string(d.substr(0, 4));
  return std::string(d.substr(8, 2)) + "-" + mon + "-" + std::string(d.substr(0, 4));
}

bool overlaps(std::string_view itemStart, std::string_view itemEnd, std::string_view from, std::string_view to) {
  if (itemStart.empty() && itemEnd.empty()) return true;
  const auto start = dayInterval(itemStart.empty() ? itemEnd : itemStart);
  const auto end = dayInterval(itemEnd.empty() ? itemStart : itemEnd);
  if (!start || !end) return true;  // unparseable dates treated as unknown
  if (!from.empty() && end->last < from) return false;
  if (!to.empty() && start->first > to) return false;
  return true;
}

}  // namespace gpc::provider::records
