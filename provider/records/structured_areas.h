#pragma once
// The clinical areas of Access Record Structured as one table: request parameter, fixture area,
// how a disabled area's items are shown, and the secondary lists (CodeSystem
// GPConnect-SecondaryListValues-1) its items join when they are contained in returned
// consultations or related to returned problems
// (accessrecord_structured_development_lists_for_message_structure; ..._clinical_area_config).

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider/records/record_bundle.h"

namespace gpc::provider::records {

inline constexpr std::string_view kSecondaryListSystem = "https://fhir.hl7.org.uk/STU3/CodeSystem/GPConnect-SecondaryListValues-1";

struct ClinicalArea {
  std::string_view parameter;         // the area's switch name: includeMedication ..., DocumentReferences
  std::string_view fixtureArea;       // key in fixtures/records ("medications"); ended allergies: "allergies"
  std::string_view itemsName;         // "[itemsName] items have been disabled"
  std::string_view consultationList;  // secondary list code for items contained in consultations ("" none)
  std::string_view problemList;       // secondary list code for items related to problems ("" none)
};

// Every switchable clinical area (clinical_area_config), plus the ended-allergies row whose items
// have their own secondary lists.
const std::vector<ClinicalArea>& clinicalAreas();
const ClinicalArea* areaByParameter(std::string_view parameter);
// The switch names, each once, in table order: for error messages that list what is accepted.
std::string clinicalAreaNames();
// The area an item of fixture area `fixtureArea` belongs to (an allergy with `ended` is an ended allergy).
const ClinicalArea* areaOfItem(std::string_view fixtureArea, const nlohmann::json& item);
std::string disabledItemsDisplay(const ClinicalArea& area);

// The 21 secondary list codes with their displays (the List.title), in CodeSystem order.
const std::vector<ListCode>& secondaryListCodes();
const ListCode* secondaryList(std::string_view code);
inline constexpr std::string_view kLinkedProblemsNotInQuery = "problems-linked-problems-not-relating-to-the-primary-query";

}  // namespace gpc::provider::records
