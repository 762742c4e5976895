#pragma once
// Collects a structured record's resources once each (resources linked from several areas are
// added by whichever area meets them first) and builds the primary and secondary Lists.

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider/records/record_context.h"

namespace gpc::provider::records {

struct ListCode {
  std::string code;
  std::string title;
  std::string system = "http://snomed.info/sct";  // secondary lists: GPConnect-SecondaryListValues-1
};

// Fixed primary list codes and titles (accessrecord_structured_development_lists_for_message_structure).
namespace lists {
inline const ListCode kAllergies{"886921000000105", "Allergies and adverse reactions"};
inline const ListCode kEndedAllergies{"1103671000000101", "Ended allergies"};
inline const ListCode kConsultations{"1149501000000101", "List of consultations"};
inline const ListCode kDiary{"714311000000108", "Patient recall administration"};
inline const ListCode kImmunisations{"1102181000000102", "Immunisations"};
inline const ListCode kInvestigations{"887191000000108", "Investigations and results"};
inline const ListCode kMedications{"933361000000108", "Medications and medical devices"};
inline const ListCode kReferrals{"792931000000107", "Outbound referral"};
inline const ListCode kProblems{"717711000000103", "Problems"};
inline const ListCode kUncategorised{"826501000000100", "Miscellaneous record"};
inline const ListCode kConsultation{"325851000000107", "Consultation"};
inline const ListCode kTopic{"25851000000105", "Topic (EHR)"};
inline const ListCode kHeading{"24781000000107", "Category (EHR)"};
}  // namespace lists

inline const std::string kConfidentialNote = "Items excluded due to confidentiality and/or patient preferences.";
std::string dataInTransitNote(const std::string& transitDate);
// data-awaiting-filing: `awaitingSince` is the date before which unfiled workflow items may be missing.
std::string dataAwaitingFilingNote(const std::string& awaitingSince);

class RecordBundle {
 public:
  RecordBundle(const RecordContext& ctx, std::string patientId, std::string transitDate);
  // Items awaiting filing in the practice workflow since `date`: every list then carries the
  // data-awaiting-filing warning.
  void setAwaitingFiling(std::string date) { awaitingFiling_ = std::move(date); }

  // Adds unless a resource with the same type and id is already present.
  void add(nlohmann::json resource);
  bool has(const std::string& type, const std::string& id) const;

  // A primary or secondary List over `items` ("Type/id"). Empty => emptyReason + note (unless
  // faulted); `confidentialExcluded` adds the confidential-items warning; the data-in-transit
  // warning goes on every list of a record in transit. `displayOnly` entries have an item.display
  // and no reference (items of a disabled clinical area).
  nlohmann::json list(const ListCode& code, const std::vector<std::string>& items, bool confidentialExcluded,
                      const std::string& idSeed, const std::vector<std::string>& displayOnly = {}) const;
  void addList(const ListCode& code, const std::vector<std::string>& items, bool confidentialExcluded, const std::string& idSeed,
               const std::vector<std::string>& displayOnly = {});

  const std::string& patientId() const { return patientId_; }
  const RecordContext& ctx() const { return ctx_; }
  nlohmann::json entries() const { return entries_; }

 private:
  const RecordContext& ctx_;
  std::string patientId_;
  std::string transitDate_;
  std::string awaitingFiling_;
  nlohmann::json entries_ = nlohmann::json::array();
  std::set<std::string> keys_;
};

}  // namespace gpc::provider::records
