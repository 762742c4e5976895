#pragma once
// The $gpc.getcarerecord Parameters (gpconnect-carerecord-operation-1, DSTU2): patientNHSNumber
// (Identifier), recordSection (CodeableConcept) and optional timePeriod (Period), checked in
// the order the spec's error pages give and turned into a request or the SpineError to answer.

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "provider/records/record_context.h"

namespace gpc::provider::html {
using namespace records;  // the record vocabulary this capability is built on

inline constexpr std::string_view kDstu2NhsNumberSystem = "http://fhir.nhs.net/Id/nhs-number";
inline constexpr std::string_view kRecordSectionSystem = "http://fhir.nhs.net/ValueSet/gpconnect-record-section-1";

struct CareRecordRequest {
  std::string nhsNumber;
  std::string section;      // a code of the record-section value set
  bool periodGiven = false;
  std::string from;         // yyyy-mm-dd, first day the period's start covers; empty = open
  std::string to;           // yyyy-mm-dd, last day the period's end covers; empty = open
};

std::variant<CareRecordRequest, SpineError> parseCareRecordRequest(const nlohmann::json& parameters);

// FHIR DSTU2 date or dateTime lexical form (a time needs seconds and a zone).
bool isFhirDateTime(std::string_view value);

}  // namespace gpc::provider::html
