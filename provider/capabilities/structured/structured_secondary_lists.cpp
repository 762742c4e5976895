#include "provider/capabilities/structured/structured_secondary_lists.h"

#include <algorithm>

#include "provider/records/structured_areas.h"

namespace gpc::provider::structured {
using namespace records;  // the record vocabulary this capability is built on

void SecondaryLists::add(std::string_view code, const LinkedItem& item) {
  if (code.empty() || !item.found()) return;
  Content& c = lists_[std::string(code)];
  auto addOnce = [](std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
  };
  if (item.withheld) c.withheld = true;
  else if (!item.disabledDisplay.empty()) addOnce(c.displays, item.disabledDisplay);
  else addOnce(c.references, item.reference);
}

void SecondaryLists::addTo(RecordBundle& bundle) const {
  for (const auto& code : secondaryListCodes()) {
    const auto it = lists_.find(code.code);
    if (it == lists_.end()) continue;
    bundle.addList(code, it->second.references, it->second.withheld, "secondary/" + code.code, it->second.displays);
  }
}

}  // namespace gpc::provider::structured
