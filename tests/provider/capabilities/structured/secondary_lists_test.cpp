// Secondary lists, immunisation status Observations, clinical areas switched off and the
// data-awaiting-filing warning of $gpc.getstructuredrecord, over the project's fixtures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "provider/records/record_store.h"
#include "provider/records/structured_areas.h"
#include "provider/capabilities/structured/structured_record.h"
#include "tests/provider/records/records_test_support.h"

namespace gpc::provider::structured {
using namespace records;
namespace {

using json = nlohmann::json;
using namespace testing;

const std::string kPatient2 = "9690937286", kPatient7 = "9690937391", kPatient8 = "9690937405";
const std::string kSecondarySystem = "https://fhir.hl7.org.uk/STU3/CodeSystem/GPConnect-SecondaryListValues-1";

json get(const json& p, std::set<std::string> faults = {}, std::set<std::string> disabled = {}) {
  RecordContext ctx = context(std::move(faults));
  ctx.disabledAreas = std::move(disabled);
  const auto r = getStructuredRecord(ctx, p);
  EXPECT_FALSE(r.error) << r.error->diagnostics;
  EXPECT_TRUE(danglingReferences(r.body).empty());
  return r.body;
}

std::vector<json> secondaryLists(const json& bundle) {
  std::vector<json> out;
  for (const auto& l : resourcesOf(bundle, "List")) {
    if (l["code"]["coding"][0].value("system", "") == kSecondarySystem) out.push_back(l);
  }
  return out;
}

std::set<std::string> entryDisplays(const json& list) {
  std::set<std::string> out;
  for (const auto& e : list.value("entry", json::array())) out.insert(e["item"].value("display", ""));
  return out;
}

TEST(RecordsStructuredSecondary, TheTableHasTheCodeSystemsTwentyOneCodes) {
  EXPECT_EQ(secondaryListCodes().size(), 21u);
  std::set<std::string> codes;
  for (const auto& c : secondaryListCodes()) {
    EXPECT_EQ(c.system, kSecondarySystem);
    EXPECT_TRUE(codes.insert(c.code).second) << c.code;
  }
  // Every area's secondary list code is one of them.
  for (const auto& a : clinicalAreas()) {
    if (!a.consultationList.empty()) {
      EXPECT_NE(secondaryList(a.consultationList), nullptr) << a.consultationList;
    }
    if (!a.problemList.empty()) {
      EXPECT_NE(secondaryList(a.problemList), nullptr) << a.problemList;
    }
  }
}

TEST(RecordsStructuredSecondary, ProblemsGiveOneListPerLinkedArea) {
  const json b = get(params(kPatient2, json::array({area("includeProblems")})));
  const json meds = listByCode(b, "problems-medications-related-to-problems");
  ASSERT_TRUE(meds.is_object());
  EXPECT_EQ(meds["title"], "Problems - medications related to problems");
  EXPECT_EQ(meds["code"]["coding"][0]["display"], "Problems - medications related to problems");
  EXPECT_EQ(meds["entry"].size(), 2u);
  EXPECT_TRUE(listByCode(b, "problems-consultations-related-to-problems").is_object());
  EXPECT_TRUE(listByCode(b, "problems-outbound-referrals-related-to-problems").is_object());
  // Every linked problem is itself in the query: no "not relating" list, and no consultation lists.
  EXPECT_TRUE(listByCode(b, std::string(kLinkedProblemsNotInQuery)).is_null());
  EXPECT_TRUE(listByCode(b, "consultations-medications-contained-in-consultations").is_null());
  for (const auto& l : secondaryLists(b)) EXPECT_FALSE(l.value("entry", json::array()).empty()) << l["title"];
}

TEST(RecordsStructuredSecondary, LinkedProblemOutsideTheFilterHasItsOwnList) {
  const json b = get(params(kPatient2, json::array({area("includeProblems", json::array({{{"name", "filterStatus"}, {"valueCode", "active"}}}))})));
  const json other = listByCode(b, std::string(kLinkedProblemsNotInQuery));
  ASSERT_TRUE(other.is_object());
  ASSERT_EQ(other["entry"].size(), 1u);
  for (const auto& e : listByCode(b, "717711000000103")["entry"]) EXPECT_NE(e["item"]["reference"], other["entry"][0]["item"]["reference"]);
}

TEST(RecordsStructuredSecondary, ConsultationsGiveListsOfTheirContents) {
  const json b = get(params(kPatient2, json::array({area("includeConsultations")})));
  EXPECT_EQ(listByCode(b, "consultations-uncategorised-data-contained-in-consultations")["entry"].size(), 2u);
  EXPECT_EQ(listByCode(b, "consultations-medications-contained-in-consultations")["entry"].size(), 1u);
  EXPECT_EQ(listByCode(b, "consultations-problems-contained-in-consultations")["entry"].size(), 1u);
  EXPECT_TRUE(listByCode(b, "problems-medications-related-to-problems").is_null());
}

TEST(RecordsStructuredSecondary, OtherAreasAloneHaveNoSecondaryLists) {
  EXPECT_TRUE(secondaryLists(get(params(kPatient2, json::array({area("includeMedication"), area("includeUncategorisedData")})))).empty());
}

TEST(RecordsStructuredSecondary, SecondaryListCodeWrongFaultUsesSnomed) {
  const json b = get(params(kPatient2, json::array({area("includeProblems")})), {"secondary-list-code-wrong"});
  EXPECT_TRUE(secondaryLists(b).empty());
  EXPECT_EQ(listByCode(b, "problems-medications-related-to-problems")["code"]["coding"][0]["system"], "http://snomed.info/sct");
}

TEST(RecordsStructuredSecondary, ImmunisationStatusObservationsFollowIncludeStatus) {
  auto imms = [](const json& b) { return listByCode(b, "1102181000000102").value("entry", json::array()).size(); };
  EXPECT_EQ(imms(get(params(kPatient8, json::array({area("includeImmunisations")})))), 2u);
  const json withStatus = get(params(kPatient8, json::array({area("includeImmunisations", json::array({boolPart("includeStatus", true)}))})));
  EXPECT_EQ(imms(withStatus), 2u);
  ASSERT_EQ(resourcesOf(withStatus, "Observation").size(), 1u);
  EXPECT_EQ(resourcesOf(withStatus, "Observation")[0]["meta"]["profile"][0], "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Observation-1");
  const json p = params(kPatient8, json::array({area("includeImmunisations", json::array({boolPart("includeStatus", false)}))}));
  const json without = get(p);
  EXPECT_EQ(imms(without), 1u);
  EXPECT_TRUE(resourcesOf(without, "Observation").empty());
  EXPECT_EQ(imms(get(p, {"immunisation-status-ignored"})), 2u);
}

TEST(RecordsStructuredSecondary, DisabledAreaGivesOneWarningOutcomeAndDisabledDisplays) {
  const json b = get(params(kPatient7, json::array({area("includeProblems"), area("includeReferrals"), area("includeImmunisations")})));
  const auto outcomes = resourcesOf(b, "OperationOutcome");
  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_EQ(outcomes[0]["issue"].size(), 2u);
  std::set<std::string> diagnostics;
  for (const auto& issue : outcomes[0]["issue"]) {
    EXPECT_EQ(issue["severity"], "warning");
    EXPECT_EQ(issue["code"], "not-supported");
    EXPECT_EQ(issue["details"]["coding"][0]["code"], "NOT_IMPLEMENTED");
    EXPECT_EQ(issue["details"]["text"], issue["diagnostics"].get<std::string>() + " has been disabled");
    diagnostics.insert(issue["diagnostics"].get<std::string>());
  }
  EXPECT_EQ(diagnostics, (std::set<std::string>{"includeImmunisations", "includeReferrals"}));
  EXPECT_TRUE(resourcesOf(b, "ReferralRequest").empty());
  EXPECT_TRUE(resourcesOf(b, "Immunization").empty());
  EXPECT_TRUE(listByCode(b, "792931000000107").is_null());
  EXPECT_EQ(entryDisplays(listByCode(b, "problems-outbound-referrals-related-to-problems")),
            (std::set<std::string>{"Referral items have been disabled"}));
  EXPECT_EQ(entryDisplays(listByCode(b, "problems-immunisations-related-to-problems")),
            (std::set<std::string>{"Immunisation items have been disabled"}));
  EXPECT_EQ(listByCode(b, "717711000000103")["entry"].size(), 1u);

  const json faulty = get(params(kPatient7, json::array({area("includeReferrals")})), {"disabled-area-no-warning"});
  EXPECT_TRUE(resourcesOf(faulty, "OperationOutcome").empty());
  EXPECT_TRUE(resourcesOf(faulty, "ReferralRequest").empty());
}

TEST(RecordsStructuredSecondary, ContextSwitchDisablesForEveryPatientAndMigrateIgnoresIt) {
  const json b = get(params(kPatient2, json::array({area("includeMedication")})), {}, {"includeMedication"});
  ASSERT_EQ(resourcesOf(b, "OperationOutcome").size(), 1u);
  EXPECT_TRUE(resourcesOf(b, "MedicationStatement").empty());
  RecordContext ctx = context();
  ctx.disabledAreas = {"includeMedication"};
  ctx.jwtClaims = {{"requested_scope", "patient/*.read"}};
  const json migrate = {{"resourceType", "Parameters"},
                        {"parameter", json::array({nhsParam(kPatient7), {{"name", "includeFullRecord"}, {"part", json::array({boolPart("includeSensitiveInformation", true)})}}})}};
  const auto r = migrateStructuredRecord(ctx, migrate);
  ASSERT_FALSE(r.error) << r.error->diagnostics;
  EXPECT_FALSE(resourcesOf(r.body, "MedicationStatement").empty());
  EXPECT_FALSE(resourcesOf(r.body, "ReferralRequest").empty());
  EXPECT_TRUE(resourcesOf(r.body, "OperationOutcome").empty());
}

TEST(RecordsStructuredSecondary, ConsultationHeadingShowsDisabledItems) {
  const json b = get(params(kPatient7, json::array({area("includeConsultations")})));
  EXPECT_TRUE(resourcesOf(b, "OperationOutcome").empty());
  bool shown = false;
  for (const auto& l : resourcesOf(b, "List")) shown |= entryDisplays(l).count("Referral items have been disabled") > 0;
  EXPECT_TRUE(shown);
  EXPECT_EQ(entryDisplays(listByCode(b, "consultations-outbound-referrals-in-consultations")),
            (std::set<std::string>{"Referral items have been disabled"}));
}

TEST(RecordsStructuredSecondary, AwaitingFilingWarningOnEveryListWithExactNote) {
  const std::string note =
      "Patient record contains some items in the GP practice workflow that have not been reviewed for inclusion in this message; "
      "information recorded before 01-Jun-2025 may be missing.";
  const json p = params(kPatient8, json::array({area("includeImmunisations"), area("includeUncategorisedData")}));
  const json b = get(p);
  ASSERT_EQ(resourcesOf(b, "List").size(), 2u);
  for (const auto& l : resourcesOf(b, "List")) {
    bool coded = false, noted = false;
    for (const auto& e : l["extension"]) coded |= e.value("valueCode", "") == "data-awaiting-filing";
    for (const auto& n : l["note"]) noted |= n["text"] == note;
    EXPECT_TRUE(coded && noted) << l.dump();
  }
  const json faulty = get(p, {"awaiting-filing-note-wrong"});
  EXPECT_EQ(faulty.dump().find(note), std::string::npos);
  EXPECT_NE(faulty.dump().find("before 2025-06-01 may be missing"), std::string::npos);
}

TEST(RecordsStructuredSecondary, PracticeSwitchesAreCheckedAtLoad) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "gpc-records-practice-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "records");
  {
    std::ofstream out(dir / "records" / "9690937391.json");
    out << R"({"nhsNumber": "9690937391", "practice": {"disabledAreas": ["includeReferals"]}})";
  }
  try {
    RecordStore::load(dir);
    ADD_FAILURE() << "an unknown clinical area must fail the load";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("$.practice.disabledAreas[0]"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("includeReferals"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gpc::provider::structured
