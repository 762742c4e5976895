// $gpc.getstructuredrecord / migrate over the project's fixtures, called directly (no HTTP).
#include <gtest/gtest.h>

#include <set>

#include "provider/capabilities/structured/structured_record.h"
#include "tests/provider/records/records_test_support.h"

namespace gpc::provider::structured {
using namespace records;
namespace {

using json = nlohmann::json;
using namespace testing;

const std::string kPatient1 = "9690937278", kPatient2 = "9690937286", kPatient5 = "9690937375", kPatient9 = "9690938533",
                  kPatient13 = "9690938096", kPatient15 = "9690938576", kPatient16 = "9690938118", kPatient17 = "9690938126",
                  kPatient18 = "9690938681", kPatient21 = "9690938142";

json allAreas() {
  return json::array({area("includeAllergies", json::array({boolPart("includeResolvedAllergies", true)})), area("includeMedication"),
                      area("includeConsultations"), area("includeProblems"), area("includeImmunisations"),
                      area("includeUncategorisedData"), area("includeInvestigations"), area("includeReferrals"),
                      area("includeDiaryEntries")});
}

RecordResponse get(const json& p, std::set<std::string> faults = {}) { return getStructuredRecord(context(std::move(faults)), p); }

void expectError(const RecordResponse& r, const std::string& code, int status, const std::string& diagnosticsMentions = "") {
  ASSERT_TRUE(r.error.has_value()) << r.body.dump();
  EXPECT_EQ(r.error->code, code) << r.error->diagnostics;
  EXPECT_EQ(r.error->httpStatus, status);
  EXPECT_EQ(r.status, status);
  if (!diagnosticsMentions.empty()) {
    EXPECT_NE(r.error->diagnostics.find(diagnosticsMentions), std::string::npos) << r.error->diagnostics;
  }
}

TEST(RecordsStructured, FullRecordBundleShape) {
  const auto r = get(params(kPatient2, allAreas()));
  ASSERT_FALSE(r.error) << r.error->diagnostics;
  const json& b = r.body;
  EXPECT_EQ(b["resourceType"], "Bundle");
  EXPECT_EQ(b["id"], context().traceId);
  EXPECT_EQ(b["type"], "collection");
  EXPECT_EQ(b["meta"]["profile"][0], "https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-StructuredRecord-Bundle-1");
  EXPECT_FALSE(b["meta"].contains("versionId"));
  std::set<std::string> keys;
  for (const auto& e : b["entry"]) {
    EXPECT_FALSE(e.contains("fullUrl"));
    EXPECT_FALSE(e["resource"].value("meta", json::object()).contains("versionId")) << e["resource"]["resourceType"];
    EXPECT_TRUE(keys.insert(e["resource"]["resourceType"].get<std::string>() + "/" + e["resource"]["id"].get<std::string>()).second)
        << "duplicate " << e["resource"]["id"];
    EXPECT_TRUE(e["resource"]["meta"].contains("profile")) << e["resource"]["resourceType"];
  }
  EXPECT_TRUE(danglingReferences(b).empty()) << danglingReferences(b).front();
  const auto patients = resourcesOf(b, "Patient");
  ASSERT_EQ(patients.size(), 1u);
  EXPECT_EQ(patients[0]["identifier"][0]["value"], kPatient2);
  EXPECT_EQ(resourcesOf(b, "Organization").size(), 1u);
  EXPECT_FALSE(resourcesOf(b, "Practitioner").empty());
  EXPECT_FALSE(resourcesOf(b, "PractitionerRole").empty());
  for (const char* type : {"AllergyIntolerance", "MedicationStatement", "MedicationRequest", "Medication", "Condition", "Encounter",
                           "Immunization", "Observation", "DiagnosticReport", "Specimen", "ProcedureRequest", "ReferralRequest"})
    EXPECT_FALSE(resourcesOf(b, type).empty()) << type;
}

// Values the GPC profiles fix or require, which the profile validation in the suites caught missing.
TEST(RecordsStructured, ProfileFixedAndRequiredElements) {
  const auto r = get(params(kPatient2, allAreas()));
  ASSERT_FALSE(r.error);
  for (const auto& c : resourcesOf(r.body, "Condition"))
    EXPECT_EQ(c["category"][0]["coding"][0]["system"], "https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-ConditionCategory-1");
  const auto immunisations = resourcesOf(r.body, "Immunization");
  ASSERT_FALSE(immunisations.empty());
  for (const auto& i : immunisations) {
    int procedures = 0;
    for (const auto& x : i["extension"])
      if (x["url"] == "https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-VaccinationProcedure-1") {
        ++procedures;
        EXPECT_EQ(x["valueCodeableConcept"]["coding"][0]["system"], "http://snomed.info/sct");
      }
    EXPECT_EQ(procedures, 1) << i["id"];
  }
  for (const auto& o : resourcesOf(r.body, "Observation")) EXPECT_TRUE(o.contains("issued")) << o["id"];
  const auto referrals = resourcesOf(r.body, "ReferralRequest");
  ASSERT_FALSE(referrals.empty());
  for (const auto& rr : referrals) EXPECT_EQ(rr["status"], "unknown");
}

TEST(RecordsStructured, PrimaryListsCodesTitlesStatusMode) {
  const auto r = get(params(kPatient2, allAreas()));
  ASSERT_FALSE(r.error);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"886921000000105", "Allergies and adverse reactions"}, {"1103671000000101", "Ended allergies"},
      {"1149501000000101", "List of consultations"},          {"714311000000108", "Patient recall administration"},
      {"1102181000000102", "Immunisations"},                  {"887191000000108", "Investigations and results"},
      {"933361000000108", "Medications and medical devices"}, {"792931000000107", "Outbound referral"},
      {"717711000000103", "Problems"},                        {"826501000000100", "Miscellaneous record"}};
  for (const auto& [code, title] : expected) {
    const json list = listByCode(r.body, code);
    ASSERT_FALSE(list.is_null()) << code;
    EXPECT_EQ(list["title"], title);
    EXPECT_EQ(list["status"], "current");
    EXPECT_EQ(list["mode"], "snapshot");
    EXPECT_EQ(list["code"]["coding"][0]["system"], "http://snomed.info/sct");
  }
}

TEST(RecordsStructured, EmptyListsCarryEmptyReasonAndNote) {
  const auto r = get(params(kPatient1, allAreas()));
  ASSERT_FALSE(r.error);
  int primary = 0;
  for (const auto& list : resourcesOf(r.body, "List")) {
    ++primary;
    EXPECT_FALSE(list.contains("entry"));
    EXPECT_EQ(list["emptyReason"]["coding"][0]["code"], "no-content-recorded");
    EXPECT_EQ(list["note"][0]["text"], "Information not available");
  }
  EXPECT_EQ(primary, 10);
  const auto faulty = get(params(kPatient1, allAreas()), {"list-empty-reason-missing"});
  for (const auto& list : resourcesOf(faulty.body, "List")) EXPECT_FALSE(list.contains("emptyReason"));
}

TEST(RecordsStructured, ConfidentialItemsWarning) {
  const auto r = get(params(kPatient16, json::array({area("includeAllergies", json::array({boolPart("includeResolvedAllergies", false)}))})));
  ASSERT_FALSE(r.error);
  const json list = listByCode(r.body, "886921000000105");
  ASSERT_EQ(list["entry"].size(), 1u);
  bool warned = false;
  for (const auto& ext : list["extension"]) warned |= ext.value("valueCode", "") == "confidential-items";
  EXPECT_TRUE(warned);
  EXPECT_EQ(list["note"][0]["text"], "Items excluded due to confidentiality and/or patient preferences.");
  const auto faulty = get(params(kPatient16, json::array({area("includeAllergies", json::array({boolPart("includeResolvedAllergies", false)}))})),
                          {"no-warning-code"});
  EXPECT_FALSE(listByCode(faulty.body, "886921000000105").contains("note"));
}

TEST(RecordsStructured, DataInTransitWarningOnEveryList) {
  const auto r = get(params(kPatient13, allAreas()));
  ASSERT_FALSE(r.error);
  for (const auto& list : resourcesOf(r.body, "List")) {
    bool warned = false;
    for (const auto& ext : list["extension"]) warned |= ext.value("valueCode", "") == "data-in-transit";
    EXPECT_TRUE(warned) << list["title"];
    EXPECT_EQ(list["note"][0]["text"],
              "Patient record transfer from previous GP practice not yet complete; information recorded before 01-Feb-2024 may be missing.");
  }
}

TEST(RecordsStructured, ResolvedAllergiesOnlyWhenAskedAndContained) {
  const auto without = get(params(kPatient17, json::array({area("includeAllergies", json::array({boolPart("includeResolvedAllergies", false)}))})));
  ASSERT_FALSE(without.error);
  EXPECT_TRUE(listByCode(without.body, "1103671000000101").is_null());
  EXPECT_EQ(listByCode(without.body, "886921000000105")["entry"].size(), 1u);
  const auto with = get(params(kPatient17, json::array({area("includeAllergies", json::array({boolPart("includeResolvedAllergies", true)}))})));
  const json ended = listByCode(with.body, "1103671000000101");
  ASSERT_FALSE(ended.is_null());
  ASSERT_EQ(ended["contained"].size(), 2u);
  EXPECT_EQ(ended["contained"][0]["clinicalStatus"], "resolved");
  EXPECT_EQ(ended["entry"][0]["item"]["reference"].get<std::string>().front(), '#');
  EXPECT_TRUE(danglingReferences(with.body).empty());
}

TEST(RecordsStructured, NoKnownAllergiesIsAnItem) {
  const auto r = get(params(kPatient5, json::array({area("includeAllergies", json::array({boolPart("includeResolvedAllergies", false)}))})));
  ASSERT_FALSE(r.error);
  const auto allergies = resourcesOf(r.body, "AllergyIntolerance");
  ASSERT_EQ(allergies.size(), 1u);
  EXPECT_EQ(allergies[0]["code"]["coding"][0]["code"], "716186003");
}

std::set<std::string> medicationIds(const json& bundle) {
  std::set<std::string> ids;
  for (const auto& m : resourcesOf(bundle, "MedicationStatement")) ids.insert(m["id"]);
  return ids;
}

TEST(RecordsStructured, MedicationSearchFromDateActiveOnOrAfter) {
  auto from = [](const std::string& d) {
    return params(kPatient2, json::array({area("includeMedication", json::array({{{"name", "medicationSearchFromDate"}, {"valueDate", d}}}))}));
  };
  // p2-med-1 acute 2023-01-10..17; med-2 repeat ongoing from 2021; med-3 repeat ended 2022-03-01;
  // med-4 prescribed elsewhere 2014 (always); med-5 confidential.
  EXPECT_EQ(medicationIds(get(from("2023-01-17")).body), (std::set<std::string>{"p2-med-1", "p2-med-2", "p2-med-4"}));
  EXPECT_EQ(medicationIds(get(from("2023-01-18")).body), (std::set<std::string>{"p2-med-2", "p2-med-4"}));
  EXPECT_EQ(medicationIds(get(from("2022-03-01")).body), (std::set<std::string>{"p2-med-1", "p2-med-2", "p2-med-3", "p2-med-4"}));
  EXPECT_EQ(medicationIds(get(from("2022-03-02")).body), (std::set<std::string>{"p2-med-1", "p2-med-2", "p2-med-4"}));
  // The faulty filter compares start dates only and so drops the ongoing repeat.
  EXPECT_EQ(medicationIds(get(from("2023-01-18"), {"medication-date-filter-wrong"}).body), (std::set<std::string>{"p2-med-4"}));
  const json meds = listByCode(get(from("2010-01-01")).body, "933361000000108");
  bool warned = false;
  for (const auto& ext : meds["extension"]) warned |= ext.value("valueCode", "") == "confidential-items";
  EXPECT_TRUE(warned);
}

TEST(RecordsStructured, PrescriptionIssuesDefaultOnAndSwitchable) {
  auto count = [](const json& b, const std::string& intent) {
    int n = 0;
    for (const auto& m : resourcesOf(b, "MedicationRequest")) n += m["intent"] == intent;
    return n;
  };
  const auto with = get(params(kPatient2, json::array({area("includeMedication")})));
  EXPECT_EQ(count(with.body, "plan"), 4);
  EXPECT_EQ(count(with.body, "order"), 6);
  const auto without = get(params(kPatient2, json::array({area("includeMedication", json::array({boolPart("includePrescriptionIssues", false)}))})));
  EXPECT_EQ(count(without.body, "plan"), 4);
  EXPECT_EQ(count(without.body, "order"), 0);
}

TEST(RecordsStructured, PeriodFilters) {
  auto ids = [](const json& b, const std::string& type) {
    std::set<std::string> s;
    for (const auto& r : resourcesOf(b, type)) s.insert(r["id"]);
    return s;
  };
  const auto unc = get(params(kPatient2, json::array({area("includeUncategorisedData", json::array({periodPart("uncategorisedDataSearchPeriod", "2021-05-20", "2024-10-02")}))})));
  EXPECT_EQ(ids(unc.body, "Observation"), (std::set<std::string>{"p2-unc-1"}));
  // A partial date (2016) is an interval: it overlaps a period ending 2016-01-01.
  const auto partial = get(params(kPatient2, json::array({area("includeUncategorisedData", json::array({periodPart("uncategorisedDataSearchPeriod", "", "2016-01-01")}))})));
  EXPECT_EQ(ids(partial.body, "Observation"), (std::set<std::string>{"p2-unc-3"}));
  const auto ref = get(params(kPatient2, json::array({area("includeReferrals", json::array({periodPart("referralSearchPeriod", "2022-11-16", "")}))})));
  EXPECT_TRUE(ids(ref.body, "ReferralRequest").empty());
  const auto inv = get(params(kPatient2, json::array({area("includeInvestigations", json::array({periodPart("investigationSearchPeriod", "2017-08-10", "2017-08-10")}))})));
  EXPECT_EQ(ids(inv.body, "DiagnosticReport"), (std::set<std::string>{"p2-inv-1"}));
  const auto enc = get(params(kPatient2, json::array({area("includeConsultations", json::array({{{"name", "includeNumberOfMostRecent"}, {"valuePositiveInt", 1}}}))})));
  EXPECT_EQ(ids(enc.body, "Encounter"), (std::set<std::string>{"p2-enc-2"}));
  EXPECT_TRUE(danglingReferences(enc.body).empty());
}

TEST(RecordsStructured, DiaryEntriesOnOrBeforeSearchDate) {
  auto diary = [](const std::string& d) {
    json parts = d.empty() ? json::array() : json::array({{{"name", "diaryEntriesSearchDate"}, {"valueDate", d}}});
    std::set<std::string> s;
    for (const auto& r : resourcesOf(get(params(kPatient2, json::array({area("includeDiaryEntries", parts)}))).body, "ProcedureRequest")) s.insert(r["id"]);
    return s;
  };
  EXPECT_EQ(diary("2030-06-01"), (std::set<std::string>{"p2-dia-1", "p2-dia-2"}));
  EXPECT_EQ(diary("2030-05-31"), (std::set<std::string>{"p2-dia-1"}));
  EXPECT_EQ(diary(""), (std::set<std::string>{"p2-dia-1", "p2-dia-2", "p2-dia-3"}));
  expectError(get(params(kPatient2, json::array({area("includeDiaryEntries", json::array({{{"name", "diaryEntriesSearchDate"}, {"valueDate", "2026-06-14"}}}))}))),
              "INVALID_PARAMETER", 422, "diaryEntriesSearchDate");
}

TEST(RecordsStructured, ImmunisationsNotGiven) {
  auto count = [](bool notGiven) {
    return resourcesOf(get(params(kPatient2, json::array({area("includeImmunisations", json::array({boolPart("includeNotGiven", notGiven)}))}))).body,
                       "Immunization").size();
  };
  EXPECT_EQ(count(false), 1u);
  EXPECT_EQ(count(true), 2u);
}

TEST(RecordsStructured, ProblemsFilterAndLinkedItemsResolve) {
  const auto r = get(params(kPatient2, json::array({area("includeProblems", json::array({{{"name", "filterStatus"}, {"valueCode", "active"}}}))})));
  ASSERT_FALSE(r.error);
  std::set<std::string> problems;
  const json list = listByCode(r.body, "717711000000103");
  for (const auto& ref : list["entry"]) problems.insert(ref["item"]["reference"]);
  EXPECT_EQ(problems, (std::set<std::string>{"Condition/p2-prb-1", "Condition/p2-prb-4"}));
  EXPECT_FALSE(resourcesOf(r.body, "MedicationStatement").empty());  // linked to the hypertension problem
  EXPECT_FALSE(resourcesOf(r.body, "Encounter").empty());
  EXPECT_TRUE(danglingReferences(r.body).empty());
}

TEST(RecordsStructured, ForwardCompatibilityWarnings) {
  json p = params(kPatient2, json::array({area("includeAllergies", json::array({boolPart("includeResolvedAllergies", false), boolPart("includeFutureThing", true)})),
                                          area("includeSomethingNew")}));
  const auto r = get(p);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.status, 200);
  const auto outcomes = resourcesOf(r.body, "OperationOutcome");
  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_EQ(outcomes[0]["issue"].size(), 2u);
  const json& issue = outcomes[0]["issue"][0];
  EXPECT_EQ(issue["severity"], "warning");
  EXPECT_EQ(issue["code"], "not-supported");
  EXPECT_EQ(issue["details"]["coding"][0]["code"], "NOT_IMPLEMENTED");
  EXPECT_EQ(issue["details"]["text"], "includeAllergies.includeFutureThing is an unrecognised parameter");
  EXPECT_EQ(issue["diagnostics"], "includeAllergies.includeFutureThing");
  EXPECT_EQ(outcomes[0]["issue"][1]["diagnostics"], "includeSomethingNew");
  expectError(get(p, {"forward-compat-rejected"}), "INVALID_PARAMETER", 422);
}

struct InvalidCase {
  const char* name;
  json parameters;
  const char* code;
  int status;
  const char* mentions;
};

TEST(RecordsStructured, ParameterValidationRules) {
  const json allergies = area("includeAllergies", json::array({boolPart("includeResolvedAllergies", false)}));
  const std::vector<InvalidCase> cases = {
      {"not Parameters", json{{"resourceType", "Patient"}}, "INVALID_RESOURCE", 422, "Parameters"},
      {"missing NHS number", json{{"resourceType", "Parameters"}, {"parameter", json::array({allergies})}}, "INVALID_PARAMETER", 422, "patientNHSNumber"},
      {"no area", params(kPatient2, json::array()), "INVALID_PARAMETER", 422, "include"},
      {"bad check digit", params("9690937287", json::array({allergies})), "INVALID_NHS_NUMBER", 400, "9690937287"},
      {"wrong identifier system",
       json{{"resourceType", "Parameters"}, {"parameter", json::array({{{"name", "patientNHSNumber"}, {"valueIdentifier", {{"system", "https://example.org/x"}, {"value", kPatient2}}}}, allergies})}},
       "INVALID_PARAMETER", 422, "system"},
      {"missing required part", params(kPatient2, json::array({area("includeAllergies")})), "INVALID_PARAMETER", 422, "includeResolvedAllergies"},
      {"part without value", params(kPatient2, json::array({area("includeAllergies", json::array({{{"name", "includeResolvedAllergies"}}}))})), "INVALID_PARAMETER", 422, "no value"},
      {"wrong value type", params(kPatient2, json::array({area("includeAllergies", json::array({{{"name", "includeResolvedAllergies"}, {"valueString", "true"}}}))})), "INVALID_RESOURCE", 422, "valueBoolean"},
      {"duplicate part", params(kPatient2, json::array({area("includeAllergies", json::array({boolPart("includeResolvedAllergies", true), boolPart("includeResolvedAllergies", false)}))})), "INVALID_RESOURCE", 422, "more than once"},
      {"duplicate parameter", params(kPatient2, json::array({allergies, allergies})), "INVALID_PARAMETER", 422, "more than once"},
      {"partial date", params(kPatient2, json::array({area("includeMedication", json::array({{{"name", "medicationSearchFromDate"}, {"valueDate", "2019-03"}}}))})), "INVALID_PARAMETER", 422, "whole date"},
      {"date with time", params(kPatient2, json::array({area("includeMedication", json::array({{{"name", "medicationSearchFromDate"}, {"valueDate", "2019-03-01T10:00:00+00:00"}}}))})), "INVALID_PARAMETER", 422, "whole date"},
      {"future date", params(kPatient2, json::array({area("includeMedication", json::array({{{"name", "medicationSearchFromDate"}, {"valueDate", "2026-06-16"}}}))})), "INVALID_PARAMETER", 422, "future"},
      {"start after end", params(kPatient2, json::array({area("includeReferrals", json::array({periodPart("referralSearchPeriod", "2020-02-02", "2020-02-01")}))})), "INVALID_PARAMETER", 422, "after"},
      {"future period end", params(kPatient2, json::array({area("includeInvestigations", json::array({periodPart("investigationSearchPeriod", "2020-02-02", "2027-01-01")}))})), "INVALID_PARAMETER", 422, "future"},
      {"period and most recent", params(kPatient2, json::array({area("includeConsultations", json::array({periodPart("consultationSearchPeriod", "2020-01-01", "2021-01-01"), {{"name", "includeNumberOfMostRecent"}, {"valuePositiveInt", 2}}}))})), "INVALID_RESOURCE", 422, "together"},
      {"bad filterStatus", params(kPatient2, json::array({area("includeProblems", json::array({{{"name", "filterStatus"}, {"valueCode", "resolved"}}}))})), "INVALID_PARAMETER", 422, "filterStatus"},
      {"consultations with medication date", params(kPatient2, json::array({area("includeConsultations"), area("includeMedication", json::array({{{"name", "medicationSearchFromDate"}, {"valueDate", "2020-01-01"}}}))})), "INVALID_PARAMETER", 422, "medicationSearchFromDate"},
      {"problems with includeNotGiven", params(kPatient2, json::array({area("includeProblems"), area("includeImmunisations", json::array({boolPart("includeNotGiven", true)}))})), "INVALID_PARAMETER", 422, "includeNotGiven"},
      {"consultations with filterStatus", params(kPatient2, json::array({area("includeConsultations"), area("includeProblems", json::array({{{"name", "filterStatus"}, {"valueCode", "active"}}}))})), "INVALID_PARAMETER", 422, "filterStatus"},
      {"not found", params("9999999999", json::array({allergies})), "PATIENT_NOT_FOUND", 404, ""},
      {"sensitive", params(kPatient9, json::array({allergies})), "PATIENT_NOT_FOUND", 404, ""},
      {"deceased", params(kPatient18, json::array({allergies})), "PATIENT_NOT_FOUND", 404, "deceased"},
      {"inactive", params(kPatient21, json::array({allergies})), "PATIENT_NOT_FOUND", 404, "not active"},
      {"dissent", params(kPatient15, json::array({allergies})), "NO_PATIENT_CONSENT", 403, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    expectError(get(c.parameters), c.code, c.status, c.mentions);
  }
}

TEST(RecordsStructured, ProblemsWithFilterStatusIsAllowed) {
  const auto r = get(params(kPatient2, json::array({area("includeProblems", json::array({{{"name", "filterStatus"}, {"valueCode", "inactive"}}}))})));
  EXPECT_FALSE(r.error);
}

TEST(RecordsStructured, FaultsChangeTheBundle) {
  const json p = params(kPatient2, allAreas());
  const auto clean = get(p);
  EXPECT_NE(get(p, {"bundle-id-not-trace-id"}).body["id"], clean.body["id"]);
  EXPECT_FALSE(danglingReferences(get(p, {"dangling-reference"}).body).empty());
  EXPECT_TRUE(get(p, {"bundle-fullurl-present"}).body["entry"][0].contains("fullUrl"));
  EXPECT_TRUE(listByCode(get(p, {"list-code-wrong"}).body, "886921000000105").is_null());
}

TEST(RecordsStructured, MigrateReturnsEverythingAndChecksScopeAndPractice) {
  auto migrate = [](bool sensitive, json claims = json::object()) {
    RecordContext ctx = context();
    ctx.jwtClaims = std::move(claims);
    return migrateStructuredRecord(ctx, json{{"resourceType", "Parameters"},
                                             {"parameter", json::array({nhsParam(kPatient2), {{"name", "includeFullRecord"}, {"part", json::array({boolPart("includeSensitiveInformation", sensitive)})}}})}});
  };
  const auto r = migrate(true);
  ASSERT_FALSE(r.error) << r.error->diagnostics;
  EXPECT_FALSE(listByCode(r.body, "1103671000000101").is_null());
  EXPECT_FALSE(resourcesOf(r.body, "DiagnosticReport").empty());
  EXPECT_TRUE(danglingReferences(r.body).empty());
  expectError(migrate(true, {{"requested_scope", "patient/*.read conf/N"}}), "CONFLICTING_VALUES", 400);
  EXPECT_FALSE(migrate(false, {{"requested_scope", "patient/*.read conf/N"}}).error);
  RecordContext elsewhere = context();
  elsewhere.odsCode = "R1A14";
  expectError(migrateStructuredRecord(elsewhere, json{{"resourceType", "Parameters"},
                                                      {"parameter", json::array({nhsParam(kPatient2), {{"name", "includeFullRecord"}, {"part", json::array({boolPart("includeSensitiveInformation", false)})}}})}}),
              "NO_RELATIONSHIP", 403);
  expectError(migrateStructuredRecord(context(), json{{"resourceType", "Parameters"}, {"parameter", json::array({nhsParam(kPatient2), area("includeAllergies")})}}),
              "INVALID_PARAMETER", 422, "includeAllergies");
}

}  // namespace
}  // namespace gpc::provider::structured
