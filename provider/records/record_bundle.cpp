#include "provider/records/record_bundle.h"

#include "provider/records/fhir_build.h"
#include "provider/records/record_dates.h"

namespace gpc::provider::records {

using json = nlohmann::json;

std::string dataInTransitNote(const std::string& transitDate) {
  return "Patient record transfer from previous GP practice not yet complete; information recorded before " +
         displayDate(transitDate) + " may be missing.";
}

std::string dataAwaitingFilingNote(const std::string& awaitingSince) {
  return "Patient record contains some items in the GP practice workflow that have not been reviewed for inclusion in this "
         "message; information recorded before " +
         displayDate(awaitingSince) + " may be missing.";
}

RecordBundle::RecordBundle(const RecordContext& ctx, std::string patientId, std::string transitDate)
    : ctx_(ctx), patientId_(std::move(patientId)), transitDate_(std::move(transitDate)) {}

void RecordBundle::add(json resource) {
  const std::string key = resource.value("resourceType", "") + "/" + resource.value("id", "");
  if (!keys_.insert(key).second) return;
  entries_.push_back({{"resource", std::move(resource)}});
}

bool RecordBundle::has(const std::string& type, const std::string& id) const { return keys_.count(type + "/" + id) > 0; }

json RecordBundle::list(const ListCode& code, const std::vector<std::string>& items, bool confidentialExcluded,
                        const std::string& idSeed, const std::vector<std::string>& displayOnly) const {
  // The list-code-wrong fault swaps the allergies code for the problems one.
  ListCode shown = ctx_.fault("list-code-wrong") && code.code == lists::kAllergies.code ? lists::kProblems : code;
  // The secondary-list-code-wrong fault codes secondary lists as if their codes were SNOMED concepts.
  if (ctx_.fault("secondary-list-code-wrong") && shown.system != fhir::kSnomed) shown.system = fhir::kSnomed;
  json list = {{"resourceType", "List"},
               {"id", fhir::stableUuid(patientId_ + "/" + idSeed)},
               {"meta", fhir::meta("CareConnect-GPC-List-1")},
               {"extension", json::array({{{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ClinicalSetting-1"},
                                           {"valueCodeableConcept", {{"coding", json::array({fhir::coding(fhir::kSnomed, "1060971000000108", "General practice service")})}}}}})},
               {"status", "current"},
               {"mode", "snapshot"},
               {"title", code.title},
               {"code", {{"coding", json::array({fhir::coding(shown.system, shown.code, shown.title)})}, {"text", code.title}}},
               {"subject", fhir::reference("Patient", patientId_)},
               {"date", fhir::dateTime(ctx_.today)},
               {"orderedBy", {{"coding", json::array({fhir::coding("http://hl7.org/fhir/list-order", "event-date", "Sorted by Event Date")})}}}};
  json notes = json::array();
  if (!ctx_.fault("no-warning-code")) {
    auto warn = [&](const std::string& warning, const std::string& note) {
      list["extension"].push_back({{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ListWarningCode-1"},
                                   {"valueCode", warning}});
      notes.push_back({{"text", note}});
    };
    if (confidentialExcluded) warn("confidential-items", kConfidentialNote);
    if (!transitDate_.empty()) warn("data-in-transit", dataInTransitNote(transitDate_));
    if (!awaitingFiling_.empty()) {
      // The awaiting-filing-note-wrong fault writes the date as yyyy-mm-dd, not dd-Mmm-yyyy.
      std::string note = dataAwaitingFilingNote(awaitingFiling_);
      if (ctx_.fault("awaiting-filing-note-wrong")) note.replace(note.find(displayDate(awaitingFiling_)), displayDate(awaitingFiling_).size(), awaitingFiling_);
      warn("data-awaiting-filing", note);
    }
  }
  if (items.empty() && displayOnly.empty()) {
    if (!ctx_.fault("list-empty-reason-missing")) {
      list["emptyReason"] = {{"coding", json::array({fhir::coding("https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-ListEmptyReasonCode-1",
                                                                  "no-content-recorded", "No Content Recorded")})},
                             {"text", "No Content Recorded"}};
      notes.push_back({{"text", "Information not available"}});
    }
  } else {
    list["entry"] = json::array();
    for (const auto& item : items) list["entry"].push_back({{"item", {{"reference", item}}}});
    for (const auto& display : displayOnly) list["entry"].push_back({{"item", {{"display", display}}}});
  }
  if (!notes.empty()) list["note"] = notes;
  return list;
}

void RecordBundle::addList(const ListCode& code, const std::vector<std::string>& items, bool confidentialExcluded, const std::string& idSeed,
                           const std::vector<std::string>& displayOnly) {
  add(list(code, items, confidentialExcluded, idSeed, displayOnly));
}

}  // namespace gpc::provider::records
