#include "provider/records/structured_areas.h"

namespace gpc::provider::records {

const std::vector<ClinicalArea>& clinicalAreas() {
  static const std::vector<ClinicalArea> areas = {
      {"includeAllergies", "allergies", "Allergy", "consultations-allergies-contained-in-consultations",
       "problems-allergies-related-to-problems"},
      {"includeAllergies", "allergies", "Allergy", "consultations-allergies-that-have-been-ended-contained-in-consultations",
       "problems-allergies-that-have-been-ended-related-to-problems"},
      {"includeMedication", "medications", "Medication", "consultations-medications-contained-in-consultations",
       "problems-medications-related-to-problems"},
      {"includeConsultations", "consultations", "Consultation", "", "problems-consultations-related-to-problems"},
      {"includeProblems", "problems", "Problem", "consultations-problems-contained-in-consultations", kLinkedProblemsNotInQuery},
      {"includeImmunisations", "immunisations", "Immunisation", "consultations-immunisations-contained-in-consultations",
       "problems-immunisations-related-to-problems"},
      {"includeUncategorisedData", "uncategorised", "Uncategorised data",
       "consultations-uncategorised-data-contained-in-consultations", "problems-uncategorised-data-related-to-problems"},
      {"includeInvestigations", "investigations", "Investigation", "consultations-investigations-contained-in-consultations",
       "problems-investigations-related-to-problems"},
      {"includeReferrals", "referrals", "Referral", "consultations-outbound-referrals-in-consultations",
       "problems-outbound-referrals-related-to-problems"},
      {"includeDiaryEntries", "diary", "Diary entry", "consultations-diary-entries-contained-in-consultations",
       "problems-diary-entries-related-to-problems"},
      {"DocumentReferences", "documents", "Document", "consultations-documents-contained-in-consultations",
       "problems-documents-related-to-problems"},
  };
  return areas;
}

const ClinicalArea* areaByParameter(std::string_view parameter) {
  for (const auto& a : clinicalAreas()) {
    if (a.parameter == parameter) return &a;
  }
  return nullptr;
}

std::string clinicalAreaNames() {
  std::string names;
  std::string_view previous;
  for (const auto& a : clinicalAreas()) {
    if (a.parameter == previous) continue;  // the ended-allergies row shares includeAllergies
    names += (names.empty() ? "" : ", ") + std::string(a.parameter);
    previous = a.parameter;
  }
  return names;
}

const ClinicalArea* areaOfItem(std::string_view fixtureArea, const nlohmann::json& item) {
  const auto& areas = clinicalAreas();
  if (fixtureArea == "allergies") return item.contains("ended") ? &areas[1] : &areas[0];
  for (const auto& a : areas) {
    if (a.fixtureArea == fixtureArea) return &a;
  }
  return nullptr;
}

std::string disabledItemsDisplay(const ClinicalArea& area) { return std::string(area.itemsName) + " items have been disabled"; }

const std::vector<ListCode>& secondaryListCodes() {
  static const std::vector<ListCode> codes = [] {
    const std::vector<std::pair<const char*, const char*>> rows = {
        {"consultations-allergies-contained-in-consultations", "Consultations - allergies contained in consultations"},
        {"consultations-allergies-that-have-been-ended-contained-in-consultations",
         "Consultations - allergies that have been ended contained in consultations"},
        {"consultations-diary-entries-contained-in-consultations", "Consultations - diary entries contained in consultations"},
        {"consultations-documents-contained-in-consultations", "Consultations - documents contained in consultations"},
        {"consultations-immunisations-contained-in-consultations", "Consultations - immunisations contained in consultations"},
        {"consultations-investigations-contained-in-consultations", "Consultations - investigations contained in consultations"},
        {"consultations-medications-contained-in-consultations", "Consultations - medications contained in consultations"},
        {"consultations-outbound-referrals-in-consultations", "Consultations - outbound referrals in consultations"},
        {"consultations-problems-contained-in-consultations", "Consultations - problems contained in consultations"},
        {"consultations-uncategorised-data-contained-in-consultations", "Consultations - uncategorised data contained in consultations"},
        {"problems-allergies-related-to-problems", "Problems - allergies related to problems"},
        {"problems-allergies-that-have-been-ended-related-to-problems", "Problems - allergies that have been ended related to problems"},
        {"problems-consultations-related-to-problems", "Problems - consultations related to problems"},
        {"problems-diary-entries-related-to-problems", "Problems - diary entries related to problems"},
        {"problems-documents-related-to-problems", "Problems - documents related to problems"},
        {"problems-immunisations-related-to-problems", "Problems - immunisations related to problems"},
        {"problems-investigations-related-to-problems", "Problems - investigations related to problems"},
        {"problems-medications-related-to-problems", "Problems - medications related to problems"},
        {"problems-outbound-referrals-related-to-problems", "Problems - outbound referrals related to problems"},
        {"problems-linked-problems-not-relating-to-the-primary-query", "Problems - linked problems not relating to the primary query"},
        {"problems-uncategorised-data-related-to-problems", "Problems - uncategorised data related to problems"},
    };
    std::vector<ListCode> out;
    for (const auto& [code, display] : rows) out.push_back({code, display, std::string(kSecondaryListSystem)});
    return out;
  }();
  return codes;
}

const ListCode* secondaryList(std::string_view code) {
  for (const auto& c : secondaryListCodes()) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

}  // namespace gpc::provider::records
