#pragma once
// The Access Record HTML 0.7.4 section views built from a patient's compact record
// (fixtures/records, the same data the structured record expands), per the view pages and
// accessrecord_html_layout: which items go in which table, columns in order, date cells,
// confidential items withheld behind the exclusion banner, and the time-period rules.

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "provider/capabilities/html/html_view.h"

namespace gpc::provider::html {

struct SectionInfo {
  std::string_view code;
  std::string_view title;
  bool timePeriodAllowed;  // layout guide "Per section default time frames"
  bool supported;          // a view exists in 0.7.4 (INV and PAT have none)
};

// The record-section value set (gpconnect-record-section-1), or nullopt for any other code
// (codes are case-sensitive: "adm" is not a section).
std::optional<SectionInfo> sectionInfo(std::string_view code);

struct ViewRequest {
  std::string code;           // a valid section code
  std::string from;           // yyyy-mm-dd first day of the requested period, empty = open
  std::string to;             // yyyy-mm-dd last day, empty = open
  bool periodGiven = false;
  std::string today;          // yyyy-mm-dd: "Acute Medication (Last 12 Months)", current repeats
  std::string transferDate;   // record in transit since (yyyy-mm-dd), empty when not
  std::string practiceName;   // "From" of outbound referrals
  int defaultMonths = 0;      // the section's default time frame (months), 0 = none configured
  // Faults honoured here: html-emergency-codes-empty (Emergency Codes never lists anything),
  // html-last-encounters-all (Last 3 Encounters lists every encounter).
  std::set<std::string> faults;
};

// `record` is the patient's compact record data, or null for a patient with no clinical data.
SectionView buildSection(const ViewRequest& request, const nlohmann::json* record);

}  // namespace gpc::provider::html
