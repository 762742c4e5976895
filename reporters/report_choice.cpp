// `run --report LIST` and `--evidence`: which report files a run writes.

#include <stdexcept>

#include "reporters/reporters.h"

namespace gpc::reporters {

ReportChoice parseReportList(std::string_view list) {
  constexpr std::string_view kKnown = "junit, junit-strict, json, html";
  ReportChoice choice;
  choice.junit = choice.json = choice.html = false;
  bool junitNamed = false;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view name = list.substr(start, comma - start);
    start = comma + 1;
    if (name == "json") {
      choice.json = true;
    } else if (name == "html") {
      choice.html = true;
    } else if (name == "junit" || name == "junit-strict") {
      const JUnitStyle style = name == "junit" ? JUnitStyle::PerCase : JUnitStyle::Strict;
      // Both would be the one junit.xml: say so rather than let one silently win.
      if (junitNamed && style != choice.junitStyle)
        throw std::invalid_argument("'junit' and 'junit-strict' are two shapes of one file; choose one");
      choice.junit = junitNamed = true;
      choice.junitStyle = style;
    } else {
      throw std::invalid_argument("unknown report '" + std::string(name) + "' (known: " + std::string(kKnown) + ")");
    }
  }
  return choice;
}

HtmlEvidence parseHtmlEvidence(std::string_view text) {
  if (text == "failed") return HtmlEvidence::Failed;
  if (text == "all") return HtmlEvidence::All;
  throw std::invalid_argument("unknown evidence level '" + std::string(text) + "' (known: all, failed)");
}

}  // namespace gpc::reporters
