#include "provider/capabilities/html/html_request.h"

#include <cctype>

#include "provider/capabilities/html/html_sections.h"
#include "provider/records/patient_access.h"
#include "provider/records/record_dates.h"

namespace gpc::provider::html {
using namespace records;  // the record vocabulary this capability is built on
namespace {

using nlohmann::json;

bool digitsAt(std::string_view s, size_t at, size_t n) {
  if (s.size() < at + n) return false;
  for (size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool inRange(std::string_view s, size_t at, int max) { return std::stoi(std::string(s.substr(at, 2))) <= max; }

// "hh:mm:ss[.fff](Z|+hh:mm|-hh:mm)"
bool isTimeWithZone(std::string_view t) {
  if (!digitsAt(t, 0, 2) || t.size() < 8 || t[2] != ':' || !digitsAt(t, 3, 2) || t[5] != ':' || !digitsAt(t, 6, 2)) return false;
  if (!inRange(t, 0, 23) || !inRange(t, 3, 59) || !inRange(t, 6, 59)) return false;
  size_t i = 8;
  if (i < t.size() && t[i] == '.') {
    const size_t start = ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == start) return false;
  }
  const std::string_view zone = t.substr(i);
  if (zone == "Z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digitsAt(zone, 1, 2) && zone[3] == ':' && digitsAt(zone, 4, 2) &&
         inRange(zone, 1, 14) && inRange(zone, 4, 59);
}

SpineError invalid(const std::string& what) { return spineError("INVALID_PARAMETER", what); }

// The one parameter called `name`: absent => nullptr; present twice => error.
std::variant<const json*, SpineError> single(const json& params, const std::string& name) {
  const json* found = nullptr;
  for (const auto& p : params) {
    if (p.value("name", "") != name) continue;
    if (found) return invalid("Parameter '" + name + "' is given more than once");
    found = &p;
  }
  return found;
}

std::variant<std::string, SpineError> nhsNumber(const json* p) {
  if (!p) return invalid("Parameter 'patientNHSNumber' is missing");
  const auto it = p->find("valueIdentifier");
  if (it == p->end() || !it->is_object()) return invalid("Parameter 'patientNHSNumber' must carry a valueIdentifier");
  const std::string system = it->value("system", "");
  if (system != kDstu2NhsNumberSystem) {
    return spineError("INVALID_IDENTIFIER_SYSTEM", "patientNHSNumber.valueIdentifier.system '" + system + "' is not " + std::string(kDstu2NhsNumberSystem));
  }
  const auto value = it->find("value");
  if (value == it->end() || !value->is_string() || !nhsNumberValid(value->get<std::string>())) {
    return spineError("INVALID_NHS_NUMBER", "patientNHSNumber.valueIdentifier.value '" + (value != it->end() && value->is_string() ? value->get<std::string>() : "") +
                                                "' is not a valid NHS number");
  }
  return value->get<std::string>();
}

std::variant<std::string, SpineError> section(const json* p) {
  if (!p) return invalid("Parameter 'recordSection' is missing");
  const auto it = p->find("valueCodeableConcept");
  if (it == p->end() || !it->is_object()) return invalid("Parameter 'recordSection' must carry a valueCodeableConcept");
  const json codings = it->value("coding", json::array());
  if (!codings.is_array() || codings.size() != 1 || !codings[0].is_object()) {
    return invalid("recordSection.valueCodeableConcept must carry exactly one coding (one section per request)");
  }
  const std::string system = codings[0].value("system", "");
  if (system != kRecordSectionSystem) return invalid("recordSection coding system '" + system + "' is not " + std::string(kRecordSectionSystem));
  const std::string code = codings[0].value("code", "");
  // Codes are case-sensitive: "sum" is not in the value set (1.6.2 error page: INVALID_PARAMETER).
  if (!sectionInfo(code)) return invalid("recordSection code '" + code + "' is not in gpconnect-record-section-1");
  return code;
}

std::optional<SpineError> period(const json* p, const std::string& code, CareRecordRequest& out) {
  if (!p) return std::nullopt;
  const auto it = p->find("valuePeriod");
  if (it == p->end() || !it->is_object()) return invalid("Parameter 'timePeriod' must carry a valuePeriod");
  const std::string start = it->contains("start") && (*it)["start"].is_string() ? (*it)["start"].get<std::string>() : "";
  const std::string end = it->contains("end") && (*it)["end"].is_string() ? (*it)["end"].get<std::string>() : "";
  if ((it->contains("start") && !isFhirDateTime(start)) || (it->contains("end") && !isFhirDateTime(end))) {
    return invalid("timePeriod start '" + start + "' / end '" + end + "' is not a valid FHIR date or dateTime");
  }
  if (start.empty() && end.empty()) return invalid("timePeriod has neither start nor end");
  const auto first = dayInterval(start);
  const auto last = dayInterval(end);
  if (first && last && last->last < first->first) return invalid("timePeriod end '" + end + "' is before its start '" + start + "'");
  // The layout guide ("Per section default time frames") says a date range on a section that
  // does not support one is answered 400 Bad Request, and the official 0.7.3 suite expects 400
  // for ALL/IMM/SUM. The 0.7.4 error page would make a bad parameter INVALID_PARAMETER (422);
  // we follow the section's own rule: BAD_REQUEST, whose status is 400.
  if (!sectionInfo(code)->timePeriodAllowed) {
    return spineError("BAD_REQUEST", "timePeriod is not allowed for the '" + code + "' record section (its view is not date-filtered)");
  }
  out.periodGiven = true;
  out.from = first ? first->first : "";
  out.to = last ? last->last : "";
  return std::nullopt;
}

}  // namespace

bool isFhirDateTime(std::string_view v) {
  if (v.size() <= 10) return dayInterval(v).has_value();
  return isWholeDate(v.substr(0, 10)) && v[10] == 'T' && isTimeWithZone(v.substr(11));
}

std::variant<CareRecordRequest, SpineError> parseCareRecordRequest(const nlohmann::json& parameters) {
  if (!parameters.is_object() || parameters.value("resourceType", "") != "Parameters") {
    return spineError("INVALID_RESOURCE", "The request body must be a Parameters resource");
  }
  const json params = parameters.value("parameter", json::array());
  if (!params.is_array()) return invalid("Parameters.parameter must be an array");
  for (const auto& p : params) {
    const std::string name = p.is_object() ? p.value("name", "") : "";
    if (name != "patientNHSNumber" && name != "recordSection" && name != "timePeriod") {
      return invalid("Unknown parameter '" + name + "' (names are case-sensitive: patientNHSNumber, recordSection, timePeriod)");
    }
  }
  const auto nhs = single(params, "patientNHSNumber");
  const auto sec = single(params, "recordSection");
  const auto per = single(params, "timePeriod");
  for (const auto* v : {&nhs, &sec, &per}) {
    if (const auto* e = std::get_if<SpineError>(v)) return *e;
  }
  CareRecordRequest out;
  const auto code = section(std::get<const json*>(sec));
  if (const auto* e = std::get_if<SpineError>(&code)) return *e;
  out.section = std::get<std::string>(code);
  if (auto e = period(std::get<const json*>(per), out.section, out)) return *e;
  const auto number = nhsNumber(std::get<const json*>(nhs));
  if (const auto* e = std::get_if<SpineError>(&number)) return *e;
  out.nhsNumber = std::get<std::string>(number);
  return out;
}

}  // namespace gpc::provider::html
