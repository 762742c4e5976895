#include "provider/capabilities/html/html_xhtml.h"

#include <utility>

#include "provider/records/record_dates.h"

namespace gpc::provider::html {
using namespace records;  // the record vocabulary this capability is built on
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool faulted(const std::set<std::string>& faults, const char* name) { return faults.count(name) > 0; }

void paragraph(std::string& out, std::string_view cssClass, const std::string& text) {
  out += "<div class=\"";
  out += cssClass;
  out += "\"><p>" + escapeText(text) + "</p></div>";
}

void table(std::string& out, const Table& t, const std::set<std::string>& faults) {
  std::vector<std::string> columns = t.columns;
  if (faulted(faults, "html-column-order-wrong") && columns.size() >= 2) std::swap(columns[0], columns[1]);
  const std::string_view emptyCell = faulted(faults, "html-entity") ? "&nbsp;" : "&#160;";
  out += "<table id=\"" + escapeText(t.id) + "\"><thead><tr>";
  for (const auto& c : columns) out += "<th>" + escapeText(c) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (const auto& cell : row) {
      out += cell.date ? "<td class=\"date-column\">" : "<td>";
      out += cell.text.empty() ? std::string(emptyCell) : escapeText(cell.text);
      out += "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
}

void subsection(std::string& out, const Subsection& s, const std::string& sectionTitle, const std::set<std::string>& faults) {
  if (!s.title.empty()) out += "<div><h2>" + escapeText(s.title) + "</h2>";
  if (!s.dateBanner.empty()) paragraph(out, "date-banner", s.dateBanner);
  if (s.itemsExcluded) paragraph(out, "exclusion-banner", kExclusionBanner);
  if (s.table.rows.empty()) {
    out += "<p>" + escapeText(emptyText(s.title.empty() ? sectionTitle : s.title)) + "</p>";
  } else {
    table(out, s.table, faults);
  }
  if (!s.title.empty()) out += "</div>";
}

}  // namespace

std::string transferBanner(const std::string& transferDate) {
  return "Patient record transfer from previous GP practice not yet complete; information recorded before " +
         displayDate(transferDate) + " may be missing";
}

std::string dateBanner(const std::string& from, const std::string& to) {
  if (!from.empty() && !to.empty()) return "For the period '" + displayDate(from) + "' to '" + displayDate(to) + "'";
  if (!from.empty()) return "Data items from " + displayDate(from);
  if (!to.empty()) return "Data items until " + displayDate(to);
  return kAllRelevantItems;
}

std::string defaultDateBanner(const std::string& from) { return "All data items from " + displayDate(from); }

std::string emptyText(const std::string& sectionName) { return "No '" + sectionName + "' data is recorded for this patient."; }

std::string notSupportedText(const std::string& sectionName) { return "'" + sectionName + "' data is not supported by this system."; }

std::string escapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&#38;"; break;
      case '<': out += "&#60;"; break;
      case '>': out += "&#62;"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "<br/>";
        break;
      case '\n': out += "<br/>"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
          out += kReplacement;  // not representable in XML 1.0, even as a reference
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string renderXhtml(const SectionView& view, const std::set<std::string>& faults) {
  std::string out = faulted(faults, "html-event-attribute") ? "<div><h1 onclick=\"alert('gpc-assure fault html-event-attribute')\">" : "<div><h1>";
  // html-malformed: the heading is never closed, which an HTML parser forgives and XML does not.
  out += escapeText(view.title) + (faulted(faults, "html-malformed") ? "" : "</h1>");
  if (!view.transferBanner.empty()) paragraph(out, "gptransfer-banner", view.transferBanner);
  if (!view.notSupported.empty()) {
    out += "<p>" + escapeText(view.notSupported) + "</p>";
  } else {
    for (const auto& s : view.subsections) subsection(out, s, view.title, faults);
  }
  if (faulted(faults, "html-script")) out += "<script>document.title='gpc-assure fault html-script'</script>";
  out += "</div>";
  return out;
}

}  // namespace gpc::provider::html
