#include "provider/capabilities/structured/structured_query.h"

#include <functional>
#include <map>
#include <set>

#include "provider/records/patient_access.h"
#include "provider/records/record_dates.h"

namespace gpc::provider::structured {
using namespace records;  // the record vocabulary this capability is built on
namespace {

using json = nlohmann::json;

struct Invalid {
  SpineError error;
};

[[noreturn]] void invalid(const std::string& code, const std::string& diagnostics) { throw Invalid{spineError(code, diagnostics)}; }

// The value[x] of a parameter or part: exactly one key starting "value".
const json* valueOf(const json& p, const std::string& where, const std::string& expectedType) {
  const json* found = nullptr;
  for (const auto& [key, value] : p.items()) {
    if (key.rfind("value", 0) == 0) {
      if (key != "value" + expectedType)
        invalid("INVALID_RESOURCE", where + " has " + key + " but the operation definition requires value" + expectedType);
      found = &value;
    }
  }
  return found;
}

bool boolValue(const json& part, const std::string& where) {
  const json* v = valueOf(part, where, "Boolean");
  if (!v) invalid("INVALID_PARAMETER", where + " has no value");
  if (!v->is_boolean()) invalid("INVALID_RESOURCE", where + " valueBoolean must be true or false");
  return v->get<bool>();
}

std::string wholeDate(const json& part, const std::string& where, const std::string& today, bool future) {
  const json* v = valueOf(part, where, "Date");
  if (!v) invalid("INVALID_PARAMETER", where + " has no value");
  if (!v->is_string()) invalid("INVALID_RESOURCE", where + " valueDate must be a string");
  const std::string d = v->get<std::string>();
  if (!isWholeDate(d)) invalid("INVALID_PARAMETER", where + " '" + d + "' must be a whole date yyyy-mm-dd (no partial date, time or offset)");
  if (!future && d > today) invalid("INVALID_PARAMETER", where + " '" + d + "' is in the future");
  if (future && d < today) invalid("INVALID_PARAMETER", where + " '" + d + "' must be today or later");
  return d;
}

SearchPeriod period(const json& part, const std::string& where, const std::string& today) {
  const json* v = valueOf(part, where, "Period");
  if (!v) invalid("INVALID_PARAMETER", where + " has no value");
  if (!v->is_object()) invalid("INVALID_RESOURCE", where + " valuePeriod must be an object");
  SearchPeriod p;
  for (const char* bound : {"start", "end"}) {
    if (!v->contains(bound)) continue;
    const json& b = (*v)[bound];
    const std::string here = where + "." + bound;
    if (!b.is_string()) invalid("INVALID_RESOURCE", here + " must be a string");
    const std::string d = b.get<std::string>();
    if (!isWholeDate(d)) invalid("INVALID_PARAMETER", here + " '" + d + "' must be a whole date yyyy-mm-dd (no partial date, time or offset)");
    if (d > today) invalid("INVALID_PARAMETER", here + " '" + d + "' is in the future");
    (std::string(bound) == "start" ? p.start : p.end) = d;
  }
  if (!p.start.empty() && !p.end.empty() && p.start > p.end)
    invalid("INVALID_PARAMETER", where + " start " + p.start + " is after end " + p.end);
  return p;
}

using PartHandler = std::function<void(StructuredQuery&, const json& part, const std::string& where)>;

struct ParameterRule {
  bool* (*flag)(StructuredQuery&);
  std::map<std::string, PartHandler> parts;
  std::set<std::string> requiredParts;
};

// The clinical-area parameters and their parts, as the 1.6.2 operation definition has them.
std::map<std::string, ParameterRule> parameterRules(const std::string& today) {
  return {
      {"includeAllergies",
       {[](StructuredQuery& q) { return &q.allergies; },
        {{"includeResolvedAllergies", [](StructuredQuery& q, const json& p, const std::string& w) { q.includeResolvedAllergies = boolValue(p, w); }}},
        {"includeResolvedAllergies"}}},
      {"includeMedication",
       {[](StructuredQuery& q) { return &q.medication; },
        {{"includePrescriptionIssues", [](StructuredQuery& q, const json& p, const std::string& w) { q.includePrescriptionIssues = boolValue(p, w); }},
         {"medicationSearchFromDate", [&today](StructuredQuery& q, const json& p, const std::string& w) { q.medicationSearchFromDate = wholeDate(p, w, today, false); }}},
        {}}},
      {"includeConsultations",
       {[](StructuredQuery& q) { return &q.consultations; },
        {{"consultationSearchPeriod", [&today](StructuredQuery& q, const json& p, const std::string& w) { q.consultationSearchPeriod = period(p, w, today); }},
         {"includeNumberOfMostRecent", [](StructuredQuery& q, const json& p, const std::string& w) {
            const json* v = valueOf(p, w, "PositiveInt");
            if (!v) invalid("INVALID_PARAMETER", w + " has no value");
            if (!v->is_number_integer()) invalid("INVALID_RESOURCE", w + " valuePositiveInt must be an integer");
            if (v->get<int>() < 1) invalid("INVALID_PARAMETER", w + " must be a positive integer");
            q.includeNumberOfMostRecent = v->get<int>();
          }}},
        {}}},
      {"includeProblems",
       {[](StructuredQuery& q) { return &q.problems; },
        {{"filterStatus", [](StructuredQuery& q, const json& p, const std::string& w) {
            const json* v = valueOf(p, w, "Code");
            if (!v) invalid("INVALID_PARAMETER", w + " has no value");
            if (!v->is_string() || (*v != "active" && *v != "inactive"))
              invalid("INVALID_PARAMETER", w + " must be 'active' or 'inactive', not " + v->dump());
            q.filterStatus = v->get<std::string>();
          }}},
        {}}},
      {"includeImmunisations",
       {[](StructuredQuery& q) { return &q.immunisations; },
        {{"includeNotGiven", [](StructuredQuery& q, const json& p, const std::string& w) { q.includeNotGiven = boolValue(p, w); }},
         {"includeStatus", [](StructuredQuery& q, const json& p, const std::string& w) { q.includeStatus = boolValue(p, w); }}},
        {}}},
      {"includeUncategorisedData",
       {[](StructuredQuery& q) { return &q.uncategorised; },
        {{"uncategorisedDataSearchPeriod", [&today](StructuredQuery& q, const json& p, const std::string& w) { q.uncategorisedDataSearchPeriod = period(p, w, today); }}},
        {}}},
      {"includeInvestigations",
       {[](StructuredQuery& q) { return &q.investigations; },
        {{"investigationSearchPeriod", [&today](StructuredQuery& q, const json& p, const std::string& w) { q.investigationSearchPeriod = period(p, w, today); }}},
        {}}},
      {"includeReferrals",
       {[](StructuredQuery& q) { return &q.referrals; },
        {{"referralSearchPeriod", [&today](StructuredQuery& q, const json& p, const std::string& w) { q.referralSearchPeriod = period(p, w, today); }}},
        {}}},
      {"includeDiaryEntries",
       {[](StructuredQuery& q) { return &q.diary; },
        {{"diaryEntriesSearchDate", [&today](StructuredQuery& q, const json& p, const std::string& w) { q.diaryEntriesSearchDate = wholeDate(p, w, today, true); }}},
        {}}},
  };
}

void readNhsNumber(const json& p, StructuredQuery& q) {
  const json* v = valueOf(p, "patientNHSNumber", "Identifier");
  if (!v || !v->is_object()) invalid("INVALID_PARAMETER", "patientNHSNumber has no valueIdentifier");
  if (v->value("system", "") != "https://fhir.nhs.uk/Id/nhs-number")
    invalid("INVALID_PARAMETER", "patientNHSNumber.system must be https://fhir.nhs.uk/Id/nhs-number");
  if (!v->contains("value") || !(*v)["value"].is_string()) invalid("INVALID_NHS_NUMBER", "patientNHSNumber has no value");
  q.nhsNumber = (*v)["value"];
}

// One clinical-area parameter: switches its area on and reads its parts; the names of the
// recognised parts go into `partsSeen` for the combination rules.
void readAreaParameter(const json& p, const std::string& name, const ParameterRule& rule, StructuredQuery& q,
                       std::set<std::string>& partsSeen) {
  for (const auto& [key, value] : p.items()) {
    if (key.rfind("value", 0) == 0) invalid("INVALID_RESOURCE", name + " must not carry " + key);
  }
  *rule.flag(q) = true;
  std::set<std::string> partNames;
  if (p.contains("part")) {
    if (!p["part"].is_array()) invalid("INVALID_RESOURCE", name + ".part must be an array");
    for (const auto& part : p["part"]) {
      if (!part.is_object() || !part.contains("name") || !part["name"].is_string())
        invalid("INVALID_RESOURCE", name + ".part has an entry without a name");
      const std::string partName = part["name"];
      const std::string where = name + "." + partName;
      // Every part is 0..1 in the OperationDefinition: a repeat makes the Parameters non-conformant.
      if (!partNames.insert(partName).second) invalid("INVALID_RESOURCE", where + " appears more than once (cardinality 0..1)");
      const auto handler = rule.parts.find(partName);
      if (handler == rule.parts.end()) {
        q.unrecognised.push_back(where);
        continue;
      }
      handler->second(q, part, where);
      partsSeen.insert(partName);
    }
  }
  for (const auto& required : rule.requiredParts) {
    if (!partNames.count(required)) invalid("INVALID_PARAMETER", name + "." + required + " is required");
  }
}

// The rules across parameters (accessrecord_structured_development_retrieve_patient_record).
void checkCombinations(const StructuredQuery& q, const std::set<std::string>& partsSeen) {
  const bool anyArea = q.allergies || q.medication || q.consultations || q.problems || q.immunisations || q.uncategorised ||
                       q.investigations || q.referrals || q.diary;
  if (!anyArea)
    invalid("INVALID_PARAMETER", "no clinical area requested: at least one include parameter is required");
  if (q.consultations && q.consultationSearchPeriod.start.size() + q.consultationSearchPeriod.end.size() > 0 &&
      q.includeNumberOfMostRecent)
    invalid("INVALID_RESOURCE", "includeConsultations: consultationSearchPeriod and includeNumberOfMostRecent cannot be used together");
  // Multi-area searches: consultations and problems pull in linked items, so the other areas'
  // filters would be ambiguous.
  static const std::vector<std::string> filteredParts = {"medicationSearchFromDate", "uncategorisedDataSearchPeriod", "referralSearchPeriod",
                                                         "diaryEntriesSearchDate", "includeNotGiven", "includeStatus"};
  if (q.consultations || q.problems) {
    for (const auto& part : filteredParts) {
      if (partsSeen.count(part))
        invalid("INVALID_PARAMETER", part + " cannot be used together with " + (q.consultations ? "includeConsultations" : "includeProblems"));
    }
    if (q.consultations && partsSeen.count("filterStatus"))
      invalid("INVALID_PARAMETER", "filterStatus cannot be used together with includeConsultations");
  }
}

}  // namespace

std::variant<StructuredQuery, SpineError> parseStructuredQuery(const json& parameters, const std::string& today) {
  try {
    if (!parameters.is_object() || parameters.value("resourceType", "") != "Parameters")
      invalid("INVALID_RESOURCE", "request body is not a FHIR Parameters resource");
    if (!parameters.contains("parameter") || !parameters["parameter"].is_array())
      invalid("INVALID_RESOURCE", "Parameters.parameter must be an array");
    const std::map<std::string, ParameterRule> rules = parameterRules(today);
    StructuredQuery q;
    std::set<std::string> seen;
    std::set<std::string> partsSeen;  // "param.part" of recognised parts, for the combination rules
    for (size_t i = 0; i < parameters["parameter"].size(); ++i) {
      const json& p = parameters["parameter"][i];
      if (!p.is_object() || !p.contains("name") || !p["name"].is_string())
        invalid("INVALID_RESOURCE", "Parameters.parameter[" + std::to_string(i) + "] has no name");
      const std::string name = p["name"];
      if (!seen.insert(name).second) invalid("INVALID_PARAMETER", name + " appears more than once");
      if (name == "patientNHSNumber") {
        readNhsNumber(p, q);
      } else if (const auto rule = rules.find(name); rule != rules.end()) {
        readAreaParameter(p, name, rule->second, q, partsSeen);
      } else {
        q.unrecognised.push_back(name);
      }
    }
    if (!seen.count("patientNHSNumber")) invalid("INVALID_PARAMETER", "patientNHSNumber is required");
    checkCombinations(q, partsSeen);
    return q;
  } catch (const Invalid& e) {
    return e.error;
  }
}

}  // namespace gpc::provider::structured
