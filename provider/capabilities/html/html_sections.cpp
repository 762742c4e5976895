#include "provider/capabilities/html/html_sections.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <functional>

#include "provider/records/record_dates.h"

namespace gpc::provider::html {
using namespace records;  // the record vocabulary this capability is built on
namespace {

using nlohmann::json;
using Items = std::vector<const json*>;

constexpr std::array<SectionInfo, 12> kSections{{
    {"ADM", "Administrative Items", true, true},
    {"ALL", "Allergies and Adverse Reactions", false, true},
    {"CLI", "Clinical Items", true, true},
    {"ENC", "Encounters", true, true},
    {"IMM", "Immunisations", false, true},
    {"INV", "Investigations", false, false},
    {"MED", "Medications", true, true},
    {"OBS", "Observations", true, true},
    {"PAT", "Patient Details", false, false},
    {"PRB", "Problems and Issues", true, true},
    {"REF", "Referrals", true, true},
    {"SUM", "Summary", false, true},
}};

std::string str(const json& item, const char* key) {
  const auto it = item.find(key);
  if (it == item.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

// Display of a ["code", "display"] pair.
std::string display(const json& item, const char* key) {
  const auto it = item.find(key);
  return it != item.end() && it->is_array() && it->size() == 2 && (*it)[1].is_string() ? (*it)[1].get<std::string>() : std::string();
}

Cell date(const std::string& fhirDate) { return Cell{fhirDate.empty() ? std::string() : displayDate(fhirDate), true}; }
Cell text(std::string t) { return Cell{std::move(t), false}; }

std::string joined(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += "; ";
    out += p;
  }
  return out;
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

int dayNumber(const std::string& d) {
  const std::chrono::year_month_day ymd{std::chrono::year{std::stoi(d.substr(0, 4))},
                                        std::chrono::month{static_cast<unsigned>(std::stoi(d.substr(5, 2)))},
                                        std::chrono::day{static_cast<unsigned>(std::stoi(d.substr(8, 2)))}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

// What one view needs from the request while it sorts items into tables.
class ViewBuilder {
 public:
  // A consumer period wins; without one, a configured default time frame applies from today
  // minus its months (layout guide "Per section default time frames").
  ViewBuilder(const ViewRequest& r, const json* record, bool sectionFilters)
      : r_(r), record_(record), defaultApplied_(sectionFilters && !r.periodGiven && r.defaultMonths > 0),
        filtering_(sectionFilters && (r.periodGiven || defaultApplied_)),
        from_(r.periodGiven ? r.from : defaultApplied_ ? monthsBefore(r.today, r.defaultMonths) : ""), to_(r.periodGiven ? r.to : "") {}

  Items items(const char* area) const {
    Items out;
    if (!record_) return out;
    const auto it = record_->find(area);
    if (it == record_->end() || !it->is_array()) return out;
    for (const auto& item : *it) out.push_back(&item);
    return out;
  }

  // A subsection over the items `keep` accepts. `dated` gives an item's [start, end] for the
  // period filter and sorting; `filtered` says whether this subsection applies the period.
  Subsection table(std::string title, std::string id, std::vector<std::string> columns, const Items& all,
                   const std::function<bool(const json&)>& keep, const std::function<std::pair<std::string, std::string>(const json&)>& dated,
                   bool filtered, const std::function<std::vector<Cell>(const json&)>& row) const {
    Subsection s;
    s.title = std::move(title);
    s.table.id = std::move(id);
    s.table.columns = std::move(columns);
    if (filtered) {
      s.dateBanner = defaultApplied_ ? defaultDateBanner(from_) : dateBanner(from_, to_);
    } else if (filtering_) {
      s.dateBanner = kDateFilterNotApplied;
    }
    Items picked;
    for (const json* item : all) {
      if (!keep(*item)) continue;
      if (filtered && filtering_) {
        const auto [start, end] = dated(*item);
        if (!overlaps(start, end, from_, to_)) continue;
      }
      if (item->value("confidential", false)) {
        s.itemsExcluded = true;
        continue;
      }
      picked.push_back(item);
    }
    // Most recent first (the views' sort orders); stable so equal dates keep record order.
    std::stable_sort(picked.begin(), picked.end(), [&](const json* a, const json* b) { return dated(*a).first > dated(*b).first; });
    for (const json* item : picked) s.table.rows.push_back(row(*item));
    return s;
  }

  const ViewRequest& request() const { return r_; }

 private:
  const ViewRequest& r_;
  const json* record_;
  bool defaultApplied_;  // no consumer period, a default time frame configured for the section
  bool filtering_;       // date-filtered subsections filter (consumer period or default)
  std::string from_;     // yyyy-mm-dd or empty (open)
  std::string to_;
};

auto always = [](const json&) { return true; };
auto pointDate(const char* key) {
  return [key](const json& item) { return std::pair{str(item, key), str(item, key)}; };
}

// --- Allergies ---------------------------------------------------------------------------
std::string allergyStart(const json& a) { return a.contains("onset") ? str(a, "onset") : str(a, "asserted"); }
std::string allergyDetails(const json& a) {
  return joined({display(a, "code"), display(a, "reaction"), a.contains("severity") ? "Severity: " + str(a, "severity") : "", str(a, "note")});
}

Subsection currentAllergies(const ViewBuilder& b) {
  return b.table("Current Allergies and Adverse Reactions", "all-tab-curr", {"Start Date", "Details"}, b.items("allergies"),
                 [](const json& a) { return !a.contains("ended"); }, [](const json& a) { return std::pair{allergyStart(a), std::string()}; },
                 false, [](const json& a) { return std::vector<Cell>{date(allergyStart(a)), text(allergyDetails(a))}; });
}

Subsection historicalAllergies(const ViewBuilder& b) {
  // Sorted by End Date descending (the view page), hence the end date first in `dated`.
  return b.table("Historical Allergies and Adverse Reactions", "all-tab-hist", {"Start Date", "End Date", "Details"},
                 b.items("allergies"), [](const json& a) { return a.contains("ended"); },
                 [](const json& a) { return std::pair{str(a, "ended"), str(a, "ended")}; }, false, [](const json& a) {
                   return std::vector<Cell>{date(allergyStart(a)), date(str(a, "ended")), text(joined({allergyDetails(a), str(a, "endReason")}))};
                 });
}

// --- Medications -------------------------------------------------------------------------
std::string medType(const json& m) { return m.contains("type") ? str(m, "type") : "repeat"; }
std::string medTypeLabel(const json& m) {
  const std::string t = medType(m);
  return t == "acute" ? "Acute" : t == "repeat" ? "Repeat" : "Prescribed elsewhere";
}
std::string lastIssued(const json& m) {
  std::string last;
  for (const auto& d : m.value("issues", json::array())) last = std::max(last, d.is_string() ? d.get<std::string>() : std::string());
  return last;
}
std::string issueCount(const json& m) { return std::to_string(m.value("issues", json::array()).size()); }
// An acute course is one issue, so its start..end is the supply; repeats record no per-issue
// duration, and a repeat's course length is not a supply duration.
std::string daysDuration(const json& m) {
  const std::string s = str(m, "start"), e = str(m, "end");
  if (medType(m) != "acute") return {};
  return isWholeDate(s) && isWholeDate(e) ? std::to_string(dayNumber(e) - dayNumber(s)) : std::string();
}
std::string additional(const json& m) { return joined({medType(m) == "prescribed-elsewhere" ? "Prescribed elsewhere" : "", str(m, "note")}); }
std::pair<std::string, std::string> medPeriod(const json& m) {
  return {str(m, "start"), m.contains("discontinued") ? str(m, "discontinued") : str(m, "end")};
}

Subsection acuteMedication(const ViewBuilder& b) {
  const std::string& today = b.request().today;
  const std::string yearAgo = today.size() == 10 ? std::to_string(std::stoi(today.substr(0, 4)) - 1) + today.substr(4) : std::string();
  return b.table("Acute Medication (Last 12 Months)", "med-tab-acu-med",
                 {"Type", "Start Date", "Medication Item", "Dosage Instruction", "Quantity", "Scheduled End Date", "Days Duration", "Additional Information"},
                 b.items("medications"), [yearAgo](const json& m) { return medType(m) == "acute" && str(m, "start") >= yearAgo; }, medPeriod, false,
                 [](const json& m) {
                   return std::vector<Cell>{text(medTypeLabel(m)), date(str(m, "start")), text(display(m, "medication")), text(str(m, "dosage")),
                                            text(str(m, "quantity")), date(str(m, "end")), text(daysDuration(m)), text(additional(m))};
                 });
}

Subsection currentRepeats(const ViewBuilder& b) {
  const std::string today = b.request().today;
  return b.table("Current Repeat Medication", "med-tab-curr-rep",
                 {"Type", "Start Date", "Medication Item", "Dosage Instruction", "Quantity", "Last Issued Date", "Number of Prescriptions Issued",
                  "Max Issues", "Review Date", "Additional Information"},
                 b.items("medications"),
                 [today](const json& m) {
                   return medType(m) == "repeat" && !m.contains("discontinued") && (!m.contains("end") || str(m, "end") >= today);
                 },
                 medPeriod, false, [](const json& m) {
                   return std::vector<Cell>{text(medTypeLabel(m)), date(str(m, "start")), text(display(m, "medication")), text(str(m, "dosage")),
                                            text(str(m, "quantity")), date(lastIssued(m)), text(issueCount(m)), text(str(m, "maxIssues")),
                                            date(str(m, "review")), text(additional(m))};
                 });
}

Subsection discontinuedRepeats(const ViewBuilder& b) {
  return b.table("Discontinued Repeat Medication", "med-tab-dis-rep",
                 {"Type", "Last Issued Date", "Medication Item", "Dosage Instruction", "Quantity", "Discontinued Date", "Discontinuation Reason",
                  "Additional Information"},
                 b.items("medications"), [](const json& m) { return medType(m) == "repeat" && m.contains("discontinued"); },
                 [](const json& m) { return std::pair{str(m, "discontinued"), str(m, "discontinued")}; }, false, [](const json& m) {
                   return std::vector<Cell>{text(medTypeLabel(m)), date(lastIssued(m)), text(display(m, "medication")), text(str(m, "dosage")),
                                            text(str(m, "quantity")), date(str(m, "discontinued")), text(str(m, "discontinueReason")), text(additional(m))};
                 });
}

Subsection allMedication(const ViewBuilder& b) {
  return b.table("All Medication", "med-tab-all-sum",
                 {"Type", "Start Date", "Medication Item", "Dosage Instruction", "Quantity", "Last Issued Date", "Number of Prescriptions Issued",
                  "Discontinuation Details", "Additional Information"},
                 b.items("medications"), always, medPeriod, true, [](const json& m) {
                   const std::string stopped = m.contains("discontinued") ? joined({displayDate(str(m, "discontinued")), str(m, "discontinueReason")}) : "";
                   return std::vector<Cell>{text(medTypeLabel(m)), date(str(m, "start")), text(display(m, "medication")), text(str(m, "dosage")),
                                            text(str(m, "quantity")), date(lastIssued(m)), text(issueCount(m)), text(stopped), text(additional(m))};
                 });
}

Subsection allIssues(const ViewBuilder& b) {
  // One row per issue: the issue carries its medication's details and its own date.
  std::vector<json> issues;  // outlives the table() call that reads it
  for (const json* m : b.items("medications")) {
    for (const auto& d : m->value("issues", json::array())) {
      json issue = *m;
      issue["issueDate"] = d;
      issues.push_back(std::move(issue));
    }
  }
  Items all;
  for (const auto& i : issues) all.push_back(&i);
  return b.table("All Medication Issues", "med-tab-all-iss",
                 {"Type", "Issue Date", "Medication Item", "Dosage Instruction", "Quantity", "Days Duration", "Additional Information"}, all,
                 always, pointDate("issueDate"), true, [](const json& m) {
                   return std::vector<Cell>{text(medTypeLabel(m)), date(str(m, "issueDate")), text(display(m, "medication")), text(str(m, "dosage")),
                                            text(str(m, "quantity")), text(daysDuration(m)), text(additional(m))};
                 });
}

// --- Problems ----------------------------------------------------------------------------
std::pair<std::string, std::string> problemPeriod(const json& p) { return {str(p, "onset"), str(p, "abated")}; }
std::vector<Cell> activeProblemRow(const json& p) {
  return {date(str(p, "onset")), text(display(p, "code")), text(capitalised(str(p, "significance"))), text(str(p, "note"))};
}
std::vector<Cell> inactiveProblemRow(const json& p) {
  return {date(str(p, "onset")), date(str(p, "abated")), text(display(p, "code")), text(capitalised(str(p, "significance"))), text(str(p, "note"))};
}
const std::vector<std::string> kInactiveProblemColumns{"Start Date", "End Date", "Entry", "Significance", "Details"};

Subsection activeProblems(const ViewBuilder& b) {
  return b.table("Active Problems and Issues", "prb-tab-act", {"Start Date", "Entry", "Significance", "Details"}, b.items("problems"),
                 [](const json& p) { return str(p, "status") != "inactive"; }, problemPeriod, false, activeProblemRow);
}
Subsection inactiveProblems(const ViewBuilder& b, bool major, bool filtered) {
  return b.table(major ? "Major Inactive Problems and Issues" : "Other Inactive Problems and Issues", major ? "prb-tab-majinact" : "prb-tab-othinact",
                 kInactiveProblemColumns, b.items("problems"),
                 [major](const json& p) { return str(p, "status") == "inactive" && (str(p, "significance") == "major") == major; }, problemPeriod,
                 filtered, inactiveProblemRow);
}

// --- Single-table views ------------------------------------------------------------------
Subsection encounters(const ViewBuilder& b, bool filtered) {
  return b.table("", "enc-tab", {"Date", "Title", "Details"}, b.items("consultations"), always, pointDate("date"), filtered, [](const json& c) {
    std::string topics;
    for (const auto& t : c.value("topics", json::array())) topics = joined({topics, str(t, "title")});
    return std::vector<Cell>{date(str(c, "date")), text(str(c, "title")), text(joined({display(c, "type"), topics}))};
  });
}

std::vector<Subsection> allergiesView(const ViewBuilder& b) { return {currentAllergies(b), historicalAllergies(b)}; }

std::vector<Subsection> medicationsView(const ViewBuilder& b) {
  return {acuteMedication(b), currentRepeats(b), discontinuedRepeats(b), allMedication(b), allIssues(b)};
}

std::vector<Subsection> problemsView(const ViewBuilder& b) {
  return {activeProblems(b), inactiveProblems(b, true, true), inactiveProblems(b, false, true)};
}

// --- Emergency codes ---------------------------------------------------------------------
// Items the practice has coded as emergency codes carry "emergency": where further information
// is held. They live in the clinical areas like any other item (and are withheld when
// confidential); the summary lists them together, most recent first.
const std::array<const char*, 4> kEmergencyAreas{"allergies", "problems", "uncategorised", "medications"};
std::string itemDate(const json& i) {
  for (const char* key : {"date", "onset", "asserted", "start", "issued"})
    if (i.contains(key)) return str(i, key);
  return {};
}
std::string itemEntry(const json& i) {
  for (const char* key : {"code", "medication", "vaccine"})
    if (!display(i, key).empty()) return display(i, key);
  return {};
}

Subsection emergencyCodes(const ViewBuilder& b) {
  Items coded;
  for (const char* area : kEmergencyAreas)
    for (const json* i : b.items(area))
      if (i->contains("emergency")) coded.push_back(i);
  return b.table("Emergency Codes", "cli-tab", {"Date", "Entry", "Details", "Location of further information"}, coded, always,
                 [](const json& i) { return std::pair{itemDate(i), itemDate(i)}; }, false, [](const json& i) {
                   const std::string severity = i.contains("severity") ? "Severity: " + str(i, "severity") : "";
                   return std::vector<Cell>{date(itemDate(i)), text(itemEntry(i)),
                                            text(joined({display(i, "reaction"), severity, str(i, "value"), str(i, "note")})),
                                            text(str(i, "emergency"))};
                 });
}

std::vector<Subsection> summaryView(const ViewBuilder& b) {
  Subsection emergency = emergencyCodes(b);
  if (b.request().faults.count("html-emergency-codes-empty")) emergency.table.rows.clear();
  Subsection lastEncounters = encounters(b, false);
  lastEncounters.title = "Last 3 Encounters";
  if (lastEncounters.table.rows.size() > 3 && !b.request().faults.count("html-last-encounters-all")) lastEncounters.table.rows.resize(3);
  return {emergency, lastEncounters, activeProblems(b), inactiveProblems(b, true, false), currentAllergies(b), acuteMedication(b), currentRepeats(b)};
}

std::vector<Subsection> singleTable(const ViewBuilder& b, const std::string& code) {
  if (code == "ENC") return {encounters(b, true)};
  if (code == "ADM") {  // recalls and other administrative entries (diary)
    return {b.table("", "adm-tab", {"Date", "Entry", "Details"}, b.items("diary"), always, pointDate("date"), true,
                    [](const json& d) { return std::vector<Cell>{date(str(d, "date")), text(display(d, "code")), text(str(d, "note"))}; })};
  }
  if (code == "CLI") {  // investigation reports: the request and what was filed with it
    return {b.table("", "cli-tab", {"Date", "Entry", "Details"}, b.items("investigations"), always, pointDate("issued"), true, [](const json& i) {
      std::string results;
      for (const auto& r : i.value("results", json::array())) results = joined({results, display(r, "code") + " " + str(r, "value")});
      return std::vector<Cell>{date(str(i, "issued")), text(display(i, "request").empty() ? display(i, "code") : display(i, "request")),
                               text(joined({results, str(i, "filingComment")}))};
    })};
  }
  if (code == "OBS") {  // uncategorised observations with their recorded values
    return {b.table("", "obs-tab", {"Date", "Entry", "Value", "Details"}, b.items("uncategorised"), always, pointDate("date"), true,
                    [](const json& o) {
                      return std::vector<Cell>{date(str(o, "date")), text(display(o, "code")), text(str(o, "value")), text(str(o, "note"))};
                    })};
  }
  if (code == "IMM") {
    return {b.table("", "imm-tab", {"Date", "Vaccination", "Part", "Contents", "Details"}, b.items("immunisations"), always, pointDate("date"), false,
                    [](const json& i) {
                      const std::string details =
                          i.value("notGiven", false) ? joined({"Not given", display(i, "reasonNotGiven")}) : str(i, "note");
                      return std::vector<Cell>{date(str(i, "date")), text(display(i, "vaccine")), text(str(i, "part")), text(str(i, "contents")),
                                               text(details)};
                    })};
  }
  // REF
  const std::string from = b.request().practiceName;
  return {b.table("", "ref-tab", {"Date", "From", "To", "Priority", "Details"}, b.items("referrals"), always, pointDate("authored"), true,
                  [from](const json& r) {
                    return std::vector<Cell>{date(str(r, "authored")), text(from), text(str(r, "recipient")), text(capitalised(str(r, "priority"))),
                                             text(joined({display(r, "reason"), str(r, "description")}))};
                  })};
}

}  // namespace

std::string monthsBefore(const std::string& today, int months) {
  using namespace std::chrono;
  const year_month_day t{year{std::stoi(today.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(today.substr(5, 2)))},
                         day{static_cast<unsigned>(std::stoi(today.substr(8, 2)))}};
  const year_month ym = year_month{t.year(), t.month()} - std::chrono::months{months};
  const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  const year_month_day d{ym.year(), ym.month(), std::min(t.day(), last)};
  char out[16];  // room for what -Wformat-truncation assumes (month/day up to 255); the value is yyyy-mm-dd
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return out;
}

std::optional<SectionInfo> sectionInfo(std::string_view code) {
  for (const auto& s : kSections) {
    if (s.code == code) return s;
  }
  return std::nullopt;
}

SectionView buildSection(const ViewRequest& request, const nlohmann::json* record) {
  const auto info = sectionInfo(request.code);
  SectionView view;
  if (!info) return view;
  view.code = request.code;
  view.title = std::string(info->title);
  if (!request.transferDate.empty()) view.transferBanner = transferBanner(request.transferDate);
  if (!info->supported) {
    view.notSupported = notSupportedText(view.title);
    return view;
  }
  const ViewBuilder b(request, record, info->timePeriodAllowed);
  if (request.code == "ALL") view.subsections = allergiesView(b);
  else if (request.code == "MED") view.subsections = medicationsView(b);
  else if (request.code == "PRB") view.subsections = problemsView(b);
  else if (request.code == "SUM") view.subsections = summaryView(b);
  else view.subsections = singleTable(b, request.code);
  return view;
}

}  // namespace gpc::provider::html
