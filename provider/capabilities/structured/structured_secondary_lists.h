#pragma once
// Collects the secondary Lists of a structured record while consultations and problems are
// assembled: each item joins the list its clinical area names (structured_areas.h), withheld
// (confidential) items set the confidential-items warning, items of disabled areas become
// display-only entries. Lists with nothing in them are never emitted (a list that only lost
// confidential items is emitted empty, with its warning).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "provider/records/record_bundle.h"

namespace gpc::provider::structured {
using namespace records;  // the record vocabulary this capability is built on

// What following a link to a record item gave.
struct LinkedItem {
  std::string reference;          // "Type/id" of the item's own resource; empty when not added
  std::string_view area;          // the item's ClinicalArea row, by its secondary list codes
  std::string_view consultationList;
  std::string_view problemList;
  bool withheld = false;          // confidential: left out
  std::string disabledDisplay;    // its clinical area is disabled: "... items have been disabled"
  bool found() const { return !reference.empty() || withheld || !disabledDisplay.empty(); }
};

class SecondaryLists {
 public:
  // Adds the item to the secondary list `code` (ignored when `code` is empty).
  void add(std::string_view code, const LinkedItem& item);
  // Adds the collected lists to the bundle in CodeSystem order.
  void addTo(RecordBundle& bundle) const;

 private:
  struct Content {
    std::vector<std::string> references;
    std::vector<std::string> displays;
    bool withheld = false;
  };
  std::map<std::string, Content, std::less<>> lists_;
};

}  // namespace gpc::provider::structured
