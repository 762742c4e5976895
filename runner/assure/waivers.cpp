#include "runner/assure/waivers.h"

#include <ctime>
#include <fmt/format.h>

#include "runner/core/json_input.h"
#include "runner/suite/selection.h"

namespace gpc::assure {
namespace {

namespace ji = json_input;

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// YYYY-MM-DD naming a day that exists: string comparison of two such dates is date order.
bool calendarDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  const int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = kDays[month - 1] + (month == 2 && leapYear(year) ? 1 : 0);
  return day <= last;
}

std::string nonEmpty(const nlohmann::json& entry, std::string_view key, const std::string& file,
                     const std::string& pointer) {
  const std::string value = ji::required(entry, key, ji::Kind::String, file, pointer).get<std::string>();
  if (value.empty()) throw LoadError(file, ji::child(pointer, key), "must not be empty");
  return value;
}

Waiver readWaiver(const nlohmann::json& entry, const std::string& file, const std::string& pointer) {
  ji::expect(entry, ji::Kind::Object, file, pointer);
  ji::checkKeys(entry, file, pointer, {"case", "reason", "reference", "approved_by", "expires"});
  Waiver w;
  w.caseGlob = nonEmpty(entry, "case", file, pointer);
  w.reason = nonEmpty(entry, "reason", file, pointer);
  w.reference = nonEmpty(entry, "reference", file, pointer);
  w.approvedBy = nonEmpty(entry, "approved_by", file, pointer);
  w.expires = nonEmpty(entry, "expires", file, pointer);
  if (!calendarDate(w.expires))
    throw LoadError(file, ji::child(pointer, "expires"), "'" + w.expires + "' is not a date (expected YYYY-MM-DD)");
  return w;
}

bool failing(Verdict v) { return v == Verdict::Failed || v == Verdict::Errored; }

}  // namespace

std::vector<Waiver> loadWaivers(const std::string& path) {
  return ji::namingFile(path, [&] {
    const nlohmann::json doc = ji::parseFile(path, path);
    ji::expect(doc, ji::Kind::Object, path, "");
    ji::checkKeys(doc, path, "", {"waivers"});
    const nlohmann::json& list = ji::required(doc, "waivers", ji::Kind::Array, path, "");
    std::vector<Waiver> out;
    for (std::size_t i = 0; i < list.size(); ++i) out.push_back(readWaiver(list[i], path, ji::child("/waivers", i)));
    return out;
  });
}

std::string todayUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

void applyWaivers(CaseResult& result, const std::vector<Waiver>& waivers, std::string_view today) {
  if (!failing(result.verdict)) return;
  for (const auto& w : waivers) {
    if (!globMatch(w.caseGlob, result.info.id)) continue;
    AppliedWaiver applied{w, result.verdict, today > std::string_view(w.expires)};
    if (applied.expired) {
      result.reason = fmt::format("waiver {} expired on {}: {}", w.reference, w.expires, result.reason);
    } else {
      result.verdict = Verdict::Waived;
    }
    result.waiver = std::move(applied);
    return;
  }
}

std::string describeWaiver(const Waiver& waiver, std::size_t index) {
  return fmt::format("waiver {} ('{}', {})", index + 1, waiver.caseGlob, waiver.reference);
}

std::vector<std::string> unusedWaiverWarnings(const std::vector<Waiver>& waivers, const std::vector<CaseResult>& cases) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < waivers.size(); ++i) {
    std::size_t matched = 0, used = 0;
    for (const auto& c : cases) {
      if (!globMatch(waivers[i].caseGlob, c.info.id)) continue;
      ++matched;
      // Counted whether it was the first match or not: a case waived by an earlier entry still
      // shows this one is not stale.
      if (c.waiver || failing(c.verdict)) ++used;
    }
    if (used > 0) continue;
    out.push_back(matched == 0 ? describeWaiver(waivers[i], i) + " matches no case of this run"
                               : fmt::format("{} matches {} case{}, none of which failed", describeWaiver(waivers[i], i),
                                             matched, matched == 1 ? "" : "s"));
  }
  return out;
}

}  // namespace gpc::assure
