// The record operations' fault switches: each breaks exactly one rule a real provider gets wrong.
#include "provider/records/record_context.h"

namespace gpc::provider::records {

const std::vector<FaultInfo>& recordFaults() {
  static const std::vector<FaultInfo> faults = {
      {"bundle-id-not-trace-id", "structured record Bundle.id is a fresh id, not the Ssp-TraceID",
       "accessrecord_structured_development_retrieve_patient_record#payload-response-body"},
      {"dangling-reference", "a List entry references a resource that is not in the Bundle",
       "accessrecord_structured_development_retrieve_patient_record#payload-response-body"},
      {"list-empty-reason-missing", "empty Lists carry no emptyReason and no note",
       "accessrecord_structured_development_list#empty-lists"},
      {"list-code-wrong", "the allergies List carries the problems SNOMED code",
       "accessrecord_structured_development_lists_for_message_structure"},
      {"no-warning-code", "Lists omit the confidential-items / data-in-transit warning codes",
       "accessrecord_structured_development_list#list-warning-codes"},
      {"bundle-fullurl-present", "structured Bundle entries carry fullUrl (forbidden)",
       "accessrecord_structured_development_retrieve_patient_record#payload-response-body"},
      {"forward-compat-rejected", "an unknown parameter is rejected with INVALID_PARAMETER instead of 200 + warning",
       "accessrecord_structured_development_version_compatibility"},
      {"medication-date-filter-wrong", "medicationSearchFromDate filters on start date only (drops repeats still active)",
       "accessrecord_structured_development_retrieve_patient_record#medication-search-from-date"},
      {"secondary-list-code-wrong", "secondary Lists are coded with the SNOMED CT system instead of GPConnect-SecondaryListValues-1",
       "accessrecord_structured_development_lists_for_message_structure (secondary lists)"},
      {"immunisation-status-ignored", "includeImmunisations.includeStatus=false still returns the immunisation status Observations",
       "accessrecord_structured_development_retrieve_patient_record (includeImmunisations.includeStatus)"},
      {"disabled-area-no-warning", "a disabled clinical area is silently left out: no OperationOutcome warning",
       "accessrecord_structured_development_clinical_area_config"},
      {"awaiting-filing-note-wrong", "the data-awaiting-filing note gives the date as yyyy-mm-dd instead of dd-Mmm-yyyy",
       "accessrecord_structured_development_list#list-warning-codes (data-awaiting-filing)"},
      {"html-column-order-wrong", "HTML tables swap their first two column headers",
       "accessrecord_html_layout#table-columns"},
      {"html-script", "HTML section contains a <script> element", "accessrecord_development_html_implementation_guide"},
      {"html-entity", "HTML section uses a named entity (&nbsp;) instead of &#160;",
       "accessrecord_development_html_implementation_guide"},
      {"html-event-attribute", "HTML section headings carry an onclick event attribute",
       "accessrecord_development_html_implementation_guide (FHIR narrative: no event attributes)"},
      {"html-malformed", "HTML section heading <h1> is never closed (not well-formed XHTML)",
       "accessrecord_development_html_implementation_guide (FHIR narrative: well-formed XHTML)"},
      {"html-emergency-codes-empty", "the Summary's Emergency Codes table never lists the patient's emergency codes",
       "accessrecord_html_layout; view page Summary (Emergency Codes: a row per emergency code)"},
      {"html-composition-profile-invalid", "the care record Composition has no type (Composition.type is 1..1)",
       "accessrecord_use_case_retrieve_a_care_record_section#response; gpconnect-carerecord-composition-1"},
      {"html-last-encounters-all", "the Summary's Last 3 Encounters lists every encounter",
       "accessrecord_html_layout; view page Summary (Last 3 Encounters)"},
      {"binary-oversize-served", "Binary retrieve serves documents over 5 MB instead of NO_RECORD_FOUND",
       "access_documents_development_documents_guidance#document-size"},
      {"documents-include-not-required", "DocumentReference search accepts a request missing mandatory _include parameters",
       "access_documents_development_search_patient_documents"},
  };
  return faults;
}

}  // namespace gpc::provider::records
