#pragma once
// Access Record HTML 0.7.4 section views as data: the tables, banners and empty texts the layout
// guide (accessrecord_html_layout) prescribes, independent of how they are written as XHTML.
// html_sections.cpp fills them from a patient's record; html_xhtml.cpp renders them.

#include <string>
#include <vector>

namespace gpc::provider::html {

struct Cell {
  std::string text;
  bool date = false;  // td.date-column, text already in dd-Mmm-yyyy form
};

struct Table {
  std::string id;                          // e.g. "med-tab-acu-med"
  std::vector<std::string> columns;        // headers in the layout guide's order
  std::vector<std::vector<Cell>> rows;
};

// One h2 subsection (or the single table of a one-table view, whose title is then empty and
// whose empty text names the section).
struct Subsection {
  std::string title;            // h2 text; empty => the table sits directly under the h1
  std::string dateBanner;       // empty => no div.date-banner
  bool itemsExcluded = false;   // confidential items withheld => div.exclusion-banner
  Table table;
};

struct SectionView {
  std::string code;             // ADM, ALL, ...
  std::string title;            // h1
  std::string transferBanner;   // gptransfer-banner text, empty when the record is not in transit
  std::string notSupported;     // set => the section is not supported (INV, PAT): only this text
  std::vector<Subsection> subsections;
};

// Exact banner texts (accessrecord_html_layout "Banners").
inline const std::string kExclusionBanner = "Items excluded due to confidentiality and/or patient preferences";
inline const std::string kDateFilterNotApplied = "Date filter not applied";
inline const std::string kAllRelevantItems = "All relevant items";
std::string transferBanner(const std::string& transferDate);                // yyyy-mm-dd
std::string dateBanner(const std::string& from, const std::string& to);   // yyyy-mm-dd or empty
// "All data items from [SysDate - DefaultDatePeriod]": a default time frame applied from `from`.
std::string defaultDateBanner(const std::string& from);                     // yyyy-mm-dd
// yyyy-mm-dd `months` calendar months before `today` (the day clamped to the month's length).
std::string monthsBefore(const std::string& today, int months);
std::string emptyText(const std::string& sectionName);
std::string notSupportedText(const std::string& sectionName);

}  // namespace gpc::provider::html
