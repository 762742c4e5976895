// `run --evidence`: how much exchange evidence the HTML report shows.

#include <stdexcept>

#include "reporters/reporters.h"

namespace gpc::reporters {

HtmlEvidence parseHtmlEvidence(std::string_view text) {
  if (text == "failed") return HtmlEvidence::Failed;
  if (text == "all") return HtmlEvidence::All;
  throw std::invalid_argument("unknown evidence level '" + std::string(text) + "' (known: all, failed)");
}

}  // namespace gpc::reporters
