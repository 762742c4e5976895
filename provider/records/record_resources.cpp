#include "provider/records/record_resources.h"

#include "provider/records/fhir_build.h"

namespace gpc::provider::records {

using json = nlohmann::json;
namespace {

json base(const std::string& type, const std::string& id, const std::string& profile, const json& item) {
  json r = {{"resourceType", type}, {"id", id}, {"meta", fhir::meta(profile)},
            {"identifier", json::array({fhir::businessIdentifier(item.value("id", id) + "/" + type)})}};
  return r;
}

void setRecorder(json& r, const char* field, const ItemContext& c) {
  if (!c.recorder.empty()) r[field] = {{"reference", c.recorder}};
}

std::string str(const json& item, const char* key) { return item.value(key, ""); }

json quantityText(const json& item) {
  return {{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationQuantityText-1"},
          {"valueString", str(item, "quantity")}};
}

}  // namespace

Resources allergyResources(const json& item, const ItemContext& c) {
  json r = base("AllergyIntolerance", str(item, "id"), "CareConnect-GPC-AllergyIntolerance-1", item);
  const bool ended = item.contains("ended");
  r["clinicalStatus"] = ended ? "resolved" : "active";
  r["verificationStatus"] = "unconfirmed";
  r["category"] = json::array({item.value("category", "medication")});
  r["code"] = fhir::snomedConcept(item["code"]);
  r["patient"] = fhir::reference("Patient", c.patientId);
  r["assertedDate"] = fhir::dateTime(str(item, "asserted"));
  if (item.contains("onset")) r["onsetDateTime"] = fhir::dateTime(str(item, "onset"));
  setRecorder(r, "recorder", c);
  if (item.contains("reaction")) {
    json reaction = {{"manifestation", json::array({fhir::snomedConcept(item["reaction"])})}};
    if (item.contains("severity")) reaction["severity"] = item["severity"];
    r["reaction"] = json::array({reaction});
  }
  if (item.contains("note")) r["note"] = json::array({{{"text", item["note"]}}});
  if (ended) {
    r["extension"] = json::array({{{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-AllergyIntoleranceEnd-1"},
                                   {"extension", json::array({{{"url", "endDate"}, {"valueDateTime", fhir::dateTime(str(item, "ended"))}},
                                                              {{"url", "reasonEnded"}, {"valueString", item.value("endReason", "No reason recorded")}}})}}});
  }
  return {r};
}

Resources medicationResources(const json& item, const ItemContext& c) {
  const std::string id = str(item, "id");
  const std::string type = item.value("type", "");
  const bool elsewhere = type == "prescribed-elsewhere";
  // Unknown type is treated as repeat (spec); prescribed-elsewhere items are recorded as acute.
  const std::string prescriptionType = type == "acute" || elsewhere ? "acute" : "repeat";
  const std::string end = str(item, "end");
  const std::string status = item.contains("discontinued") ? "stopped" : (!end.empty() && end < c.today ? "completed" : "active");

  json medication = base("Medication", id + "-medication", "CareConnect-GPC-Medication-1", item);
  medication.erase("identifier");
  medication["code"] = fhir::snomedConcept(item["medication"]);

  json plan = base("MedicationRequest", id + "-plan", "CareConnect-GPC-MedicationRequest-1", item);
  plan["extension"] = json::array({{{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescriptionType-1"},
                                    {"valueCodeableConcept", {{"coding", json::array({fhir::coding("https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-PrescriptionType-1",
                                                                                                  prescriptionType, prescriptionType == "acute" ? "Acute" : "Repeat")})}}}}});
  if (prescriptionType == "repeat") {
    json repeat = {{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationRepeatInformation-1"},
                   {"extension", json::array({{{"url", "numberOfRepeatPrescriptionsIssued"},
                                               {"valueUnsignedInt", item.value("issues", json::array()).size()}}})}};
    if (item.contains("maxIssues")) repeat["extension"].push_back({{"url", "numberOfRepeatPrescriptionsAllowed"}, {"valueUnsignedInt", item["maxIssues"]}});
    if (item.contains("review")) repeat["extension"].push_back({{"url", "authorisationExpiryDate"}, {"valueDateTime", fhir::dateTime(str(item, "review"))}});
    plan["extension"].push_back(repeat);
  }
  if (item.contains("discontinued")) {
    plan["extension"].push_back({{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatusReason-1"},
                                 {"extension", json::array({{{"url", "statusChangeDate"}, {"valueDateTime", fhir::dateTime(str(item, "discontinued"))}},
                                                            {{"url", "statusReason"}, {"valueCodeableConcept", {{"text", item.value("discontinueReason", "")}}}}})}});
  }
  plan["groupIdentifier"] = fhir::businessIdentifier(id + "/group");
  plan["status"] = status;
  plan["intent"] = "plan";
  plan["medicationReference"] = fhir::reference("Medication", id + "-medication");
  plan["subject"] = fhir::reference("Patient", c.patientId);
  plan["authoredOn"] = fhir::dateTime(str(item, "start"));
  setRecorder(plan, "recorder", c);
  plan["dosageInstruction"] = json::array({{{"text", item.value("dosage", "As directed")}}});
  json validity = {{"start", fhir::dateTime(str(item, "start"))}};
  if (!end.empty()) validity["end"] = fhir::dateTime(end);
  plan["dispenseRequest"] = {{"validityPeriod", validity}, {"extension", json::array({quantityText(item)})}};

  json statement = base("MedicationStatement", id, "CareConnect-GPC-MedicationStatement-1", item);
  statement["extension"] = json::array({{{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescribingAgency-1"},
                                         {"valueCodeableConcept", {{"coding", json::array({fhir::coding("https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-PrescribingAgency-1",
                                                                                                       elsewhere ? "prescribed-by-another-organisation" : "prescribed-at-gp-practice",
                                                                                                       elsewhere ? "Prescribed by another organisation" : "Prescribed at GP practice")})}}}}});
  const auto issues = item.value("issues", json::array());
  if (!issues.empty()) {
    statement["extension"].push_back({{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1"},
                                      {"valueDateTime", fhir::dateTime(issues.back().get<std::string>())}});
  }
  statement["basedOn"] = json::array({fhir::reference("MedicationRequest", id + "-plan")});
  statement["status"] = status == "stopped" ? "stopped" : status;
  statement["medicationReference"] = fhir::reference("Medication", id + "-medication");
  json effective = {{"start", fhir::dateTime(str(item, "start"))}};
  if (!end.empty()) effective["end"] = fhir::dateTime(end);
  statement["effectivePeriod"] = effective;
  statement["dateAsserted"] = fhir::dateTime(str(item, "start"));
  statement["subject"] = fhir::reference("Patient", c.patientId);
  statement["taken"] = "unk";
  statement["dosage"] = json::array({{{"text", item.value("dosage", "As directed")}}});

  Resources out = {statement, medication, plan};
  if (c.includePrescriptionIssues) {
    for (size_t i = 0; i < issues.size(); ++i) {
      json order = plan;
      order["id"] = id + "-issue-" + std::to_string(i + 1);
      order["identifier"] = json::array({fhir::businessIdentifier(id + "/issue/" + std::to_string(i + 1))});
      order["intent"] = "order";
      order["status"] = "completed";
      order["basedOn"] = json::array({fhir::reference("MedicationRequest", id + "-plan")});
      order["authoredOn"] = fhir::dateTime(issues[i].get<std::string>());
      order["dispenseRequest"]["validityPeriod"] = {{"start", fhir::dateTime(issues[i].get<std::string>())}};
      out.push_back(order);
    }
  }
  return out;
}

Resources problemResources(const json& item, const ItemContext& c, const std::vector<std::string>& linkedRefs) {
  json r = base("Condition", str(item, "id"), "CareConnect-GPC-ProblemHeader-Condition-1", item);
  r["extension"] = json::array({{{"url", "https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-ProblemSignificance-1"},
                                 {"valueCode", item.value("significance", "minor")}}});
  for (const auto& ref : linkedRefs) {
    r["extension"].push_back({{"url", "https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-RelatedClinicalContent-1"},
                              {"valueReference", {{"reference", ref}}}});
  }
  r["clinicalStatus"] = item.value("status", "active");
  r["category"] = json::array({{{"coding", json::array({fhir::coding("https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-ConditionCategory-1",
                                                                     "problem-list-item", "Problem List Item")})}}});
  r["code"] = fhir::snomedConcept(item["code"]);
  r["subject"] = fhir::reference("Patient", c.patientId);
  if (item.contains("onset")) r["onsetDateTime"] = fhir::dateTime(str(item, "onset"));
  if (item.contains("abated")) r["abatementDateTime"] = fhir::dateTime(str(item, "abated"));
  r["assertedDate"] = fhir::dateTime(item.value("onset", c.today));
  setRecorder(r, "asserter", c);
  return {r};
}

Resources encounterResources(const json& item, const ItemContext& c) {
  json r = base("Encounter", str(item, "id"), "CareConnect-GPC-Encounter-1", item);
  r["status"] = "finished";
  r["type"] = json::array({fhir::snomedConcept(item["type"])});
  r["subject"] = fhir::reference("Patient", c.patientId);
  if (!c.recorder.empty()) {
    r["participant"] = json::array({{{"type", json::array({{{"coding", json::array({fhir::coding("http://hl7.org/fhir/v3/ParticipationType", "REC", "recorder")})}}})},
                                     {"individual", {{"reference", c.recorder}}}}});
  }
  r["period"] = {{"start", fhir::dateTime(str(item, "date"))}};
  return {r};
}

Resources immunisationResources(const json& item, const ItemContext& c) {
  json r = base("Immunization", str(item, "id"), "CareConnect-GPC-Immunization-1", item);
  r["extension"] = json::array({{{"url", "https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-DateRecorded-1"},
                                 {"valueDateTime", fhir::dateTime(str(item, "date"))}}});
  // Required slice (1..1) in CareConnect-GPC-Immunization-1: the SNOMED vaccination procedure.
  r["extension"].push_back({{"url", "https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-VaccinationProcedure-1"},
                            {"valueCodeableConcept", fhir::snomedConcept(item["procedure"])}});
  const bool notGiven = item.value("notGiven", false);
  r["status"] = "completed";
  r["notGiven"] = notGiven;
  r["vaccineCode"] = fhir::snomedConcept(item["vaccine"]);
  r["patient"] = fhir::reference("Patient", c.patientId);
  r["date"] = fhir::dateTime(str(item, "date"));
  r["primarySource"] = true;
  if (notGiven && item.contains("reasonNotGiven")) r["explanation"] = {{"reasonNotGiven", json::array({fhir::snomedConcept(item["reasonNotGiven"])})}};
  if (item.contains("part")) r["note"] = json::array({{{"text", "Part: " + str(item, "part")}}});
  if (!c.recorder.empty()) {
    r["practitioner"] = json::array({{{"role", {{"coding", json::array({fhir::coding("http://hl7.org/fhir/v2/0443", "AP", "Administering Provider")})}}},
                                      {"actor", {{"reference", c.recorder}}}}});
  }
  return {r};
}

Resources observationResources(const json& item, const ItemContext& c) {
  json r = base("Observation", str(item, "id"), "CareConnect-GPC-Observation-1", item);
  r["status"] = "final";
  r["code"] = fhir::snomedConcept(item["code"]);
  r["subject"] = fhir::reference("Patient", c.patientId);
  r["effectiveDateTime"] = fhir::dateTime(str(item, "date"));
  r["issued"] = fhir::dateTime(str(item, "date").size() == 10 ? str(item, "date") : c.today);
  if (item.contains("value")) r["valueString"] = item["value"];
  if (!c.recorder.empty()) r["performer"] = json::array({{{"reference", c.recorder}}});
  return {r};
}

Resources investigationResources(const json& item, const ItemContext& c) {
  const std::string id = str(item, "id");
  json report = base("DiagnosticReport", id, "CareConnect-GPC-DiagnosticReport-1", item);
  report["status"] = "final";
  report["code"] = fhir::snomedConcept(item["code"]);
  report["subject"] = fhir::reference("Patient", c.patientId);
  report["issued"] = fhir::dateTime(str(item, "issued"));
  Resources out;
  Resources after;
  if (item.contains("request")) {
    json request = base("ProcedureRequest", id + "-request", "CareConnect-GPC-ProcedureRequest-1", item);
    request["status"] = "active";
    request["intent"] = "order";
    request["code"] = fhir::snomedConcept(item["request"]);
    request["subject"] = fhir::reference("Patient", c.patientId);
    if (!c.recorder.empty()) request["requester"] = {{"agent", {{"reference", c.recorder}}}};
    report["basedOn"] = json::array({fhir::reference("ProcedureRequest", id + "-request")});
    after.push_back(request);
  }
  if (item.contains("specimen")) {
    json specimen = base("Specimen", id + "-specimen", "CareConnect-GPC-Specimen-1", item);
    specimen["type"] = fhir::snomedConcept(item["specimen"]["type"]);
    specimen["subject"] = fhir::reference("Patient", c.patientId);
    specimen["collection"] = {{"collectedDateTime", fhir::dateTime(item["specimen"].value("collected", ""))}};
    report["specimen"] = json::array({fhir::reference("Specimen", id + "-specimen")});
    after.push_back(specimen);
  }
  report["result"] = json::array();
  std::vector<std::string> resultRefs;
  for (const auto& result : item.value("results", json::array())) {
    json obs = observationResources({{"id", result["id"]}, {"code", result["code"]}, {"date", item.value("issued", "")}, {"value", result.value("value", "")}}, c)[0];
    if (item.contains("specimen")) obs["specimen"] = fhir::reference("Specimen", id + "-specimen");
    if (result.contains("interpretation")) obs["interpretation"] = {{"text", result["interpretation"]}};
    resultRefs.push_back("Observation/" + result["id"].get<std::string>());
    after.push_back(obs);
  }
  if (item.contains("group")) {
    json group = observationResources({{"id", id + "-group"}, {"code", item["group"]}, {"date", item.value("issued", "")}}, c)[0];
    group["related"] = json::array();
    for (const auto& ref : resultRefs) group["related"].push_back({{"type", "has-member"}, {"target", {{"reference", ref}}}});
    report["result"].push_back(fhir::reference("Observation", id + "-group"));
    after.push_back(group);
  } else {
    for (const auto& ref : resultRefs) report["result"].push_back({{"reference", ref}});
  }
  if (item.contains("filingComment")) {
    json comment = base("Observation", id + "-filing", "CareConnect-GPC-Observation-1", item);
    comment["status"] = "final";
    comment["code"] = {{"coding", json::array({fhir::coding(fhir::kSnomed, "37331000000100", "Comment note")})}};
    comment["subject"] = fhir::reference("Patient", c.patientId);
    comment["effectiveDateTime"] = fhir::dateTime(str(item, "issued"));
    comment["issued"] = report["issued"];  // 1..1 in CareConnect-GPC-Observation-1
    comment["comment"] = item["filingComment"];
    report["result"].push_back(fhir::reference("Observation", id + "-filing"));
    after.push_back(comment);
  }
  if (report["result"].empty()) report.erase("result");
  out.push_back(report);
  out.insert(out.end(), after.begin(), after.end());
  return out;
}

Resources referralResources(const json& item, const ItemContext& c) {
  json r = base("ReferralRequest", str(item, "id"), "CareConnect-GPC-ReferralRequest-1", item);
  r["status"] = "unknown";  // fixedCode in CareConnect-GPC-ReferralRequest-1
  r["intent"] = "order";
  r["priority"] = item.value("priority", "routine");
  r["subject"] = fhir::reference("Patient", c.patientId);
  r["authoredOn"] = fhir::dateTime(str(item, "authored"));
  if (!c.recorder.empty()) r["requester"] = {{"agent", {{"reference", c.recorder}}}};
  r["reasonCode"] = json::array({fhir::snomedConcept(item["reason"])});
  r["description"] = item.value("description", "");
  r["note"] = json::array({{{"text", "Referred to: " + item.value("recipient", "")}}});
  return {r};
}

Resources diaryResources(const json& item, const ItemContext& c) {
  json r = base("ProcedureRequest", str(item, "id"), "CareConnect-GPC-ProcedureRequest-1", item);
  r["status"] = "active";
  r["intent"] = "plan";
  r["code"] = fhir::snomedConcept(item["code"]);
  r["subject"] = fhir::reference("Patient", c.patientId);
  r["occurrenceDateTime"] = fhir::dateTime(str(item, "date"));
  r["authoredOn"] = fhir::dateTime(str(item, "date") < c.today ? str(item, "date") : c.today);
  if (!c.recorder.empty()) r["requester"] = {{"agent", {{"reference", c.recorder}}}};
  if (item.contains("note")) r["note"] = json::array({{{"text", item["note"]}}});
  return {r};
}

const std::vector<AreaKind>& linkableAreas() {
  static const std::vector<AreaKind> kinds = {
      {"allergies", allergyResources},           {"medications", medicationResources},
      {"consultations", encounterResources},     {"immunisations", immunisationResources},
      {"uncategorised", observationResources},   {"investigations", investigationResources},
      {"referrals", referralResources},          {"diary", diaryResources}};
  return kinds;
}

}  // namespace gpc::provider::records
