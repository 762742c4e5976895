#pragma once
// The project's only departures from the official GP Connect DSTU2 (Access Record: HTML 0.7.x)
// definitions: defects in the published files that no conformant provider can satisfy. The
// compact profiles/nhs-gpconnect-dstu2.json gets them (gpc_compile_profiles --dstu2); nothing else
// differs from the official files, and `--profiles DIR` with the official files gives their
// verdicts unchanged. Each row is listed in docs/validation-findings.md and is held against the
// official verdicts by Dstu2Validation.ProjectProfilesGiveTheOfficialVerdicts.

#include <string_view>

namespace gpc::profiles {

enum class Dstu2Change {
  Cardinality,    // `value` is the new "min..max" of the element
  ValueSetCodes,  // `value` is the value set's whole new code list, comma-separated
};

struct Dstu2Correction {
  std::string_view url;      // the official StructureDefinition or ValueSet corrected
  std::string_view element;  // element path: the first (unsliced) element with it; "" for a value set
  Dstu2Change change;
  std::string_view value;
  std::string_view reason;   // why, citing the spec page
};

inline constexpr Dstu2Correction kDstu2Corrections[] = {
    {"http://fhir.nhs.net/StructureDefinition/gpconnect-carerecord-composition-1", "Composition.section.code",
     Dstu2Change::Cardinality, "0..1",
     "the sliced Composition.section constrains section.code to 0..0 while its closed slicing discriminates on "
     "code and every slice requires it 1..1, so no care record can conform; 0.7.4 "
     "accessrecord_use_case_retrieve_a_care_record_section (response: one section with its code). "
     "0..1 is the DSTU2 base cardinality; the slices keep their 1..1"},
    {"http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1", "", Dstu2Change::ValueSetCodes,
     "INVALID_IDENTIFIER_SYSTEM,INVALID_IDENTIFIER_VALUE,INVALID_PATIENT_DEMOGRAPHICS,PATIENT_NOT_FOUND,"
     "INVALID_NHS_NUMBER,ORGANISATION_NOT_FOUND,INVALID_ODS_CODE,PRACTITIONER_NOT_FOUND,NO_PATIENT_CONSENT,"
     "NON_AUTHORITATIVE,INVALID_RESOURCE,INVALID_PARAMETER,REFERENCE_NOT_FOUND,INTERNAL_SERVER_ERROR,"
     "NOT_IMPLEMENTED,BAD_REQUEST",
     "the official file is the 2016 draft (GPC-001..003); the 0.7.x development_fhir_error_handling_guidance "
     "page says the GPC-XXX codes are superseded and lists these codes for this system"},
};

}  // namespace gpc::profiles
