// Access Record HTML 0.7.4 $gpc.getcarerecord: sections, tables, banners, time-period rules,
// errors and the HTML faults, over the project's data pack and record fixtures.
#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "provider/capabilities/html/html_record.h"
#include "provider/capabilities/html/html_xhtml.h"
#include "runner/checks/xhtml_narrative.h"
#include "tests/provider/capabilities/html/html_test_support.h"
#include "tests/provider/records/records_test_support.h"

namespace gpc::provider::html {
using namespace records;
namespace {

using nlohmann::json;
using testing::context;

const char* kPatient2 = "9690937286";   // full record, confidential items
const char* kPatient1 = "9690937278";   // no clinical data
const char* kPatient13 = "9690938096";  // in transit since 2024-02-01

json request(const std::string& nhs, const std::string& section, json period = nullptr) {
  return testing::careRecordRequest(nhs, section, std::move(period));
}

RecordResponse call(const json& params, std::set<std::string> faults = {}) { return getCareRecord(context(std::move(faults)), params); }

std::string divOf(const RecordResponse& r) { return testing::sectionDiv(r); }

std::string div(const std::string& nhs, const std::string& section, json period = nullptr, std::set<std::string> faults = {}) {
  return divOf(call(request(nhs, section, std::move(period)), std::move(faults)));
}

pugi::xml_document parse(const std::string& xhtml) {
  pugi::xml_document doc;
  const auto result = doc.load_string(xhtml.c_str(), pugi::parse_default);
  EXPECT_TRUE(result) << result.description() << " in " << xhtml;
  return doc;
}

std::vector<std::string> headers(const pugi::xml_document& doc, const std::string& tableId) {
  std::vector<std::string> out;
  const auto table = doc.select_node(("//table[@id='" + tableId + "']").c_str()).node();
  for (const auto& th : table.select_nodes(".//thead/tr/th")) out.push_back(th.node().text().get());
  return out;
}

std::vector<std::string> texts(const pugi::xml_document& doc, const std::string& xpath) {
  std::vector<std::string> out;
  for (const auto& n : doc.select_nodes(xpath.c_str())) out.push_back(n.node().child_value());
  return out;
}

std::string errorCode(const RecordResponse& r) { return r.error ? r.error->code : "none"; }

using Columns = std::vector<std::string>;

struct TableCase {
  std::string section;
  std::string tableId;
  Columns columns;
};

class SectionTables : public ::testing::TestWithParam<TableCase> {};

TEST_P(SectionTables, TableIdAndColumnsInOrder) {
  const auto& c = GetParam();
  const auto doc = parse(div(kPatient2, c.section));
  EXPECT_EQ(headers(doc, c.tableId), c.columns) << c.section << " " << c.tableId;
  // Every data row has one cell per column.
  const auto table = doc.select_node(("//table[@id='" + c.tableId + "']").c_str()).node();
  for (const auto& tr : table.select_nodes(".//tbody/tr")) {
    EXPECT_EQ(static_cast<size_t>(std::distance(tr.node().children("td").begin(), tr.node().children("td").end())), c.columns.size());
  }
}

const Columns kInactivePrb{"Start Date", "End Date", "Entry", "Significance", "Details"};
INSTANTIATE_TEST_SUITE_P(
    Html, SectionTables,
    ::testing::Values(
        TableCase{"ADM", "adm-tab", {"Date", "Entry", "Details"}}, TableCase{"CLI", "cli-tab", {"Date", "Entry", "Details"}},
        TableCase{"ENC", "enc-tab", {"Date", "Title", "Details"}}, TableCase{"IMM", "imm-tab", {"Date", "Vaccination", "Part", "Contents", "Details"}},
        TableCase{"OBS", "obs-tab", {"Date", "Entry", "Value", "Details"}}, TableCase{"REF", "ref-tab", {"Date", "From", "To", "Priority", "Details"}},
        TableCase{"ALL", "all-tab-curr", {"Start Date", "Details"}}, TableCase{"ALL", "all-tab-hist", {"Start Date", "End Date", "Details"}},
        TableCase{"PRB", "prb-tab-act", {"Start Date", "Entry", "Significance", "Details"}}, TableCase{"PRB", "prb-tab-majinact", kInactivePrb},
        TableCase{"PRB", "prb-tab-othinact", kInactivePrb},
        TableCase{"MED", "med-tab-curr-rep",
                  {"Type", "Start Date", "Medication Item", "Dosage Instruction", "Quantity", "Last Issued Date", "Number of Prescriptions Issued",
                   "Max Issues", "Review Date", "Additional Information"}},
        TableCase{"MED", "med-tab-dis-rep",
                  {"Type", "Last Issued Date", "Medication Item", "Dosage Instruction", "Quantity", "Discontinued Date", "Discontinuation Reason",
                   "Additional Information"}},
        TableCase{"MED", "med-tab-all-sum",
                  {"Type", "Start Date", "Medication Item", "Dosage Instruction", "Quantity", "Last Issued Date", "Number of Prescriptions Issued",
                   "Discontinuation Details", "Additional Information"}},
        TableCase{"MED", "med-tab-all-iss",
                  {"Type", "Issue Date", "Medication Item", "Dosage Instruction", "Quantity", "Days Duration", "Additional Information"}},
        TableCase{"SUM", "enc-tab", {"Date", "Title", "Details"}}, TableCase{"SUM", "prb-tab-act", {"Start Date", "Entry", "Significance", "Details"}},
        TableCase{"SUM", "all-tab-curr", {"Start Date", "Details"}}));

TEST(HtmlRecord, AcuteMedicationOfTheLastTwelveMonths) {
  auto ctx = context();
  ctx.today = "2023-06-01";  // Paracetamol acute 10-Jan-2023..17-Jan-2023 is within the last 12 months
  const auto doc = parse(divOf(getCareRecord(ctx, request(kPatient2, "MED"))));
  EXPECT_EQ(headers(doc, "med-tab-acu-med"), (Columns{"Type", "Start Date", "Medication Item", "Dosage Instruction", "Quantity",
                                                      "Scheduled End Date", "Days Duration", "Additional Information"}));
  EXPECT_EQ(texts(doc, "//table[@id='med-tab-acu-med']/tbody/tr/td"),
            (Columns{"Acute", "10-Jan-2023", "Paracetamol 500mg tablets", "Two tablets up to four times a day", "32 tablet", "17-Jan-2023", "7", "\xC2\xA0"}));
  // Today 2026-06-15: nothing acute in the last 12 months.
  EXPECT_EQ(texts(parse(div(kPatient2, "MED")), "//h2[.='Acute Medication (Last 12 Months)']/../p"),
            Columns{"No 'Acute Medication (Last 12 Months)' data is recorded for this patient."});
}

TEST(HtmlRecord, BundleShapeAndProfiles) {
  const auto r = call(request(kPatient2, "ALL"));
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.body["resourceType"], "Bundle");
  EXPECT_EQ(r.body["type"], "searchset");
  EXPECT_EQ(r.contentType, "application/json+fhir");
  std::vector<std::string> types;
  for (const auto& e : r.body["entry"]) {
    types.push_back(e["resource"]["resourceType"]);
    const std::string profile = e["resource"]["meta"]["profile"][0];
    EXPECT_EQ(profile.rfind("http://fhir.nhs.net/StructureDefinition/gpconnect-", 0), 0u) << profile;
  }
  EXPECT_EQ(types, (std::vector<std::string>{"Composition", "Patient", "Practitioner", "Organization", "Device"}));
  const auto& comp = r.body["entry"][0]["resource"];
  EXPECT_EQ(comp["meta"]["profile"][0], "http://fhir.nhs.net/StructureDefinition/gpconnect-carerecord-composition-1");
  EXPECT_EQ(comp["section"].size(), 1u);
  EXPECT_EQ(comp["section"][0]["code"]["coding"][0]["system"], "http://fhir.nhs.net/ValueSet/gpconnect-record-section-1");
  EXPECT_EQ(comp["section"][0]["code"]["coding"][0]["code"], "ALL");
  EXPECT_EQ(comp["subject"]["reference"], "Patient/" + r.body["entry"][1]["resource"]["id"].get<std::string>());
  const auto& patient = r.body["entry"][1]["resource"];
  EXPECT_EQ(patient["identifier"][0]["system"], "http://fhir.nhs.net/Id/nhs-number");
  EXPECT_EQ(patient["identifier"][0]["value"], kPatient2);
  EXPECT_TRUE(patient["name"][0]["family"].is_array());
  EXPECT_TRUE(r.body["entry"][2]["resource"]["name"].is_object());  // DSTU2 Practitioner.name 0..1
  const auto& device = r.body["entry"][4]["resource"];
  EXPECT_EQ(device["type"]["coding"].size(), 1u);  // gpconnect-device-1: fixed SNOMED coding, no text
  EXPECT_EQ(device["type"]["coding"][0]["code"], "462240000");
  EXPECT_FALSE(device["type"].contains("text"));
  EXPECT_EQ(comp["author"][0]["reference"], "Device/" + device["id"].get<std::string>());
  EXPECT_EQ(comp["custodian"]["reference"], "Organization/" + r.body["entry"][3]["resource"]["id"].get<std::string>());
  EXPECT_EQ(comp["type"]["coding"][0]["code"], "425173008");
}

// DSTU2 bdl-6: every entry carrying a resource has a fullUrl; in a searchset it is the resource's
// absolute URL on the service root addressed.
TEST(HtmlRecord, EntriesHaveAbsoluteFullUrlsOnTheServiceRoot) {
  const auto r = call(request(kPatient2, "SUM"));
  ASSERT_FALSE(r.error);
  const std::string root = context().baseUrl;
  ASSERT_EQ(root.rfind("http://", 0), 0u);
  for (const auto& e : r.body["entry"]) {
    const auto& res = e["resource"];
    EXPECT_EQ(e.value("fullUrl", ""), root + "/" + res["resourceType"].get<std::string>() + "/" + res["id"].get<std::string>());
  }
}

TEST(HtmlFaults, CompositionProfileInvalidDropsTheType) {
  const auto clean = call(request(kPatient2, "SUM"));
  const auto broken = call(request(kPatient2, "SUM"), {"html-composition-profile-invalid"});
  ASSERT_FALSE(broken.error);
  EXPECT_TRUE(clean.body["entry"][0]["resource"].contains("type"));
  EXPECT_FALSE(broken.body["entry"][0]["resource"].contains("type"));
  auto restored = broken.body;
  restored["entry"][0]["resource"]["type"] = clean.body["entry"][0]["resource"]["type"];
  EXPECT_EQ(restored, clean.body);  // nothing else changes
}

TEST(HtmlRecord, EverySectionIsWellFormedAndSafe) {
  for (const char* nhs : {kPatient1, kPatient2, kPatient13}) {
    for (const char* code : {"ADM", "ALL", "CLI", "ENC", "IMM", "INV", "MED", "OBS", "PAT", "PRB", "REF", "SUM"}) {
      const std::string x = div(nhs, code);
      SCOPED_TRACE(std::string(nhs) + " " + code);
      const auto doc = parse(x);
      EXPECT_EQ(std::string(doc.first_child().name()), "div");
      EXPECT_EQ(std::string(doc.first_child().first_child().name()), "h1");
      EXPECT_EQ(x.find('\r'), std::string::npos);
      EXPECT_EQ(x.find('\n'), std::string::npos);
      // The suites' own judge of the FHIR narrative rules (xhtml-narrative) finds nothing.
      for (const auto& issue : checks::narrativeIssues(x)) ADD_FAILURE() << issue.path << ": " << issue.message << " " << issue.markup;
    }
  }
}

TEST(HtmlRecord, SectionTitles) {
  const auto doc = parse(div(kPatient2, "MED"));
  EXPECT_EQ(texts(doc, "/div/h1"), Columns{"Medications"});
  EXPECT_EQ(texts(doc, "/div/div/h2"), (Columns{"Acute Medication (Last 12 Months)", "Current Repeat Medication", "Discontinued Repeat Medication",
                                                 "All Medication", "All Medication Issues"}));
  EXPECT_EQ(texts(parse(div(kPatient2, "PRB")), "/div/div/h2"),
            (Columns{"Active Problems and Issues", "Major Inactive Problems and Issues", "Other Inactive Problems and Issues"}));
  EXPECT_EQ(texts(parse(div(kPatient2, "ALL")), "/div/div/h2"),
            (Columns{"Current Allergies and Adverse Reactions", "Historical Allergies and Adverse Reactions"}));
  EXPECT_EQ(texts(parse(div(kPatient2, "SUM")), "/div/div/h2"),
            (Columns{"Emergency Codes", "Last 3 Encounters", "Active Problems and Issues", "Major Inactive Problems and Issues",
                     "Current Allergies and Adverse Reactions", "Acute Medication (Last 12 Months)", "Current Repeat Medication"}));
}

TEST(HtmlRecord, DateCellsAreDdMmmYyyy) {
  const auto doc = parse(div(kPatient2, "ALL"));
  const auto dates = texts(doc, "//table[@id='all-tab-hist']//td[@class='date-column']");
  EXPECT_EQ(dates, (Columns{"07-May-2011", "01-Mar-2018"}));
  EXPECT_EQ(texts(doc, "//table[@id='all-tab-curr']//td[@class='date-column']"), (Columns{"May-2012", "2009"}));  // partial dates keep precision
}

TEST(HtmlRecord, EmptySectionTexts) {
  const std::string adm = div(kPatient1, "ADM");
  EXPECT_NE(adm.find("<p>No &#39;Administrative Items&#39; data is recorded for this patient.</p>"), std::string::npos) << adm;
  const std::string all = div(kPatient1, "ALL");
  EXPECT_NE(all.find("No &#39;Historical Allergies and Adverse Reactions&#39; data is recorded for this patient."), std::string::npos) << all;
  const auto doc = parse(adm);
  EXPECT_EQ(texts(doc, "/div/p"), Columns{"No 'Administrative Items' data is recorded for this patient."});
  EXPECT_EQ(texts(parse(div(kPatient2, "INV")), "/div/p"), Columns{"'Investigations' data is not supported by this system."});
}

TEST(HtmlRecord, Banners) {
  // Data in transit.
  const auto transit = parse(div(kPatient13, "MED"));
  EXPECT_EQ(texts(transit, "/div/div[@class='gptransfer-banner']/p"),
            Columns{"Patient record transfer from previous GP practice not yet complete; information recorded before 01-Feb-2024 may be missing"});
  EXPECT_TRUE(texts(parse(div(kPatient2, "MED")), "//div[@class='gptransfer-banner']").empty());
  // Confidential item (p2-med-5, acute 2015) withheld from the tables it belongs to.
  const auto med = parse(div(kPatient2, "MED"));
  const auto excluded = med.select_nodes("//div[@class='exclusion-banner']/p");
  ASSERT_EQ(excluded.size(), 2u);  // All Medication and All Medication Issues
  EXPECT_STREQ(excluded.first().node().child_value(), "Items excluded due to confidentiality and/or patient preferences");
  EXPECT_EQ(div(kPatient2, "MED").find("2015"), std::string::npos);
  // Date banners: filtered subsections without a period => all relevant items; unfiltered
  // subsections of a filtered section say so only when a period is given.
  EXPECT_EQ(texts(med, "//div[@class='date-banner']/p"), (Columns{"All relevant items", "All relevant items"}));
  const auto period = parse(div(kPatient2, "MED", {{"start", "2020-01-01"}, {"end", "2021-12-31"}}));
  EXPECT_EQ(texts(period, "//div[@class='date-banner']/p"),
            (Columns{"Date filter not applied", "Date filter not applied", "Date filter not applied", "For the period '01-Jan-2020' to '31-Dec-2021'",
                     "For the period '01-Jan-2020' to '31-Dec-2021'"}));
  EXPECT_EQ(texts(parse(div(kPatient2, "ADM", {{"start", "2020-01-01"}})), "//div[@class='date-banner']/p"), Columns{"Data items from 01-Jan-2020"});
  EXPECT_EQ(texts(parse(div(kPatient2, "ADM", {{"end", "2020-01-01"}})), "//div[@class='date-banner']/p"), Columns{"Data items until 01-Jan-2020"});
  for (const char* code : {"ALL", "IMM", "SUM"}) EXPECT_TRUE(texts(parse(div(kPatient2, code)), "//div[@class='date-banner']").empty()) << code;
}

TEST(HtmlRecord, TimePeriodFiltersRows) {
  const auto all = parse(div(kPatient2, "ADM"));
  EXPECT_EQ(all.select_nodes("//table[@id='adm-tab']/tbody/tr").size(), 3u);
  const auto some = parse(div(kPatient2, "ADM", {{"start", "2030-01-01"}, {"end", "2030-12-31"}}));
  EXPECT_EQ(texts(some, "//table[@id='adm-tab']//td[@class='date-column']"), Columns{"01-Jun-2030"});
  // Issues filtered by issue date: 2021 holds two issues of Amlodipine.
  const auto issues = parse(div(kPatient2, "MED", {{"start", "2021"}, {"end", "2021"}}));
  EXPECT_EQ(issues.select_nodes("//table[@id='med-tab-all-iss']/tbody/tr").size(), 2u);
  // Active problems ignore the period, inactive ones apply it.
  const auto prb = parse(div(kPatient2, "PRB", {{"start", "2022-01-01"}, {"end", "2022-12-31"}}));
  EXPECT_EQ(prb.select_nodes("//table[@id='prb-tab-act']/tbody/tr").size(), 2u);
  EXPECT_EQ(prb.select_nodes("//table[@id='prb-tab-majinact']/tbody/tr").size(), 1u);
  EXPECT_EQ(texts(prb, "//h2[.='Other Inactive Problems and Issues']/../p"), Columns{"No 'Other Inactive Problems and Issues' data is recorded for this patient."});
}

TEST(HtmlRecord, TimePeriodRules) {
  for (const char* code : {"ADM", "CLI", "ENC", "OBS", "REF", "MED", "PRB"}) {
    EXPECT_FALSE(call(request(kPatient2, code, {{"start", "2014-01-01"}, {"end", "2024-01-01"}})).error) << code;
  }
  for (const char* code : {"ALL", "IMM", "SUM"}) {
    const auto r = call(request(kPatient2, code, {{"start", "2014-01-01"}, {"end", "2024-01-01"}}));
    EXPECT_EQ(errorCode(r), "BAD_REQUEST") << code;
    EXPECT_EQ(r.status, 400) << code;
  }
  EXPECT_EQ(errorCode(call(request(kPatient2, "ADM", {{"start", "2024-01-01"}, {"end", "2014-01-01"}}))), "INVALID_PARAMETER");
  EXPECT_EQ(errorCode(call(request(kPatient2, "ADM", json::object()))), "INVALID_PARAMETER");
  for (const char* bad : {"2014-13-01", "2014-02-30", "14-01-01", "2014-01-01T10:00", "2014-01-01T10:00:00", "2014-1-1", "yesterday"}) {
    EXPECT_EQ(errorCode(call(request(kPatient2, "ADM", {{"start", bad}}))), "INVALID_PARAMETER") << bad;
  }
  for (const char* good : {"2014", "2014-02", "2014-02-28", "2014-02-28T10:00:00Z", "2014-02-28T10:00:00+01:00", "2014-02-28T10:00:00.123-05:00"}) {
    EXPECT_FALSE(call(request(kPatient2, "ADM", {{"start", good}})).error) << good;
  }
}

TEST(HtmlRecord, RequestErrors) {
  EXPECT_EQ(errorCode(call(request(kPatient2, "all"))), "INVALID_PARAMETER");
  EXPECT_EQ(errorCode(call(request(kPatient2, "XYZ"))), "INVALID_PARAMETER");
  auto wrongSystem = request(kPatient2, "ALL");
  wrongSystem["parameter"][1]["valueCodeableConcept"]["coding"][0]["system"] = "http://example.org/sections";
  EXPECT_EQ(errorCode(call(wrongSystem)), "INVALID_PARAMETER");
  auto twoSections = request(kPatient2, "ALL");
  twoSections["parameter"].push_back(twoSections["parameter"][1]);
  EXPECT_EQ(errorCode(call(twoSections)), "INVALID_PARAMETER");
  auto unknown = request(kPatient2, "ALL");
  unknown["parameter"].push_back({{"name", "recordsection"}, {"valueString", "ALL"}});
  EXPECT_EQ(errorCode(call(unknown)), "INVALID_PARAMETER");
  auto noNhs = request(kPatient2, "ALL");
  noNhs["parameter"].erase(0);
  EXPECT_EQ(errorCode(call(noNhs)), "INVALID_PARAMETER");
  auto nhsSystem = request(kPatient2, "ALL");
  nhsSystem["parameter"][0]["valueIdentifier"]["system"] = "https://fhir.nhs.uk/Id/nhs-number";
  EXPECT_EQ(errorCode(call(nhsSystem)), "INVALID_IDENTIFIER_SYSTEM");
  EXPECT_EQ(errorCode(call(json{{"resourceType", "Patient"}})), "INVALID_RESOURCE");
  EXPECT_EQ(errorCode(call(request("1234567891", "ALL"))), "INVALID_NHS_NUMBER");
  EXPECT_EQ(errorCode(call(request("", "ALL"))), "INVALID_NHS_NUMBER");
}

TEST(HtmlRecord, PatientErrors) {
  const auto& pack = testing::RecordFixtures::get().pack;
  const auto nhs = [&](const char* role) { return pack.patientByRole(role)->nhsNumber; };
  EXPECT_EQ(errorCode(call(request("9999999999", "SUM"))), "PATIENT_NOT_FOUND");  // valid number, not in the pack
  EXPECT_EQ(errorCode(call(request("9000000009", "SUM"))), "PATIENT_NOT_FOUND");
  EXPECT_EQ(errorCode(call(request(nhs("patient9"), "SUM"))), "PATIENT_NOT_FOUND");   // sensitive
  EXPECT_EQ(errorCode(call(request(nhs("patient14"), "SUM"))), "PATIENT_NOT_FOUND");  // not on Spine
  EXPECT_EQ(errorCode(call(request(nhs("patient15"), "SUM"))), "NO_PATIENT_CONSENT");
  EXPECT_EQ(call(request(nhs("patient15"), "SUM")).status, 403);
  // patient18 died 2023-06-01: outside the 28-day window on 2026-06-15, inside it on 2023-06-20.
  EXPECT_EQ(errorCode(call(request(nhs("patient18"), "SUM"))), "PATIENT_NOT_FOUND");
  auto ctx = context();
  ctx.today = "2023-06-20";
  const auto within = getCareRecord(ctx, request(nhs("patient18"), "SUM"));
  ASSERT_FALSE(within.error) << within.error->code;
  EXPECT_EQ(within.body["entry"][1]["resource"]["deceasedDateTime"], "2023-06-01T10:00:00+00:00");
  ctx.today = "2023-06-30";
  EXPECT_EQ(errorCode(getCareRecord(ctx, request(nhs("patient18"), "SUM"))), "PATIENT_NOT_FOUND");
}

TEST(HtmlXhtml, EscapesHostileData) {
  html::SectionView view;
  view.code = "ADM";
  view.title = "Administrative <Items>";
  html::Subsection s;
  s.table = {"adm-tab", {"Date", "Entry", "Details"},
             {{{"2020-01-01", true}, {"<script>alert('x')</script>", false}, {"a & b \"q\"\r\nline2\nline3\x01 &nbsp; <img onerror=x>", false}}}};
  view.subsections.push_back(s);
  const std::string x = html::renderXhtml(view, {});
  const auto doc = parse(x);
  EXPECT_EQ(x.find("<script"), std::string::npos);
  EXPECT_EQ(x.find("<img"), std::string::npos);
  EXPECT_EQ(x.find("&nbsp;"), std::string::npos);
  EXPECT_EQ(x.find('\r'), std::string::npos);
  EXPECT_EQ(std::string(doc.select_node("//td[2]").node().child_value()), "<script>alert('x')</script>");
  EXPECT_EQ(doc.select_nodes("//td[3]/br").size(), 2u);  // line breaks kept as <br/>, nothing truncated
  EXPECT_NE(x.find("line3\xEF\xBF\xBD &#38;nbsp;"), std::string::npos) << x;
  EXPECT_EQ(std::string(doc.select_node("/div/h1").node().child_value()), "Administrative <Items>");
}

TEST(HtmlRecord, HostileRecordDataIsEscapedEndToEnd) {
  // A record whose free text tries markup, entities, event attributes and CR LF: the view keeps
  // every character as text, nothing becomes markup and nothing is cut.
  const auto dir = std::filesystem::temp_directory_path() / ("gpc-html-hostile-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "records");
  const std::string hostile = "<script>alert(1)</script> & &nbsp; <b onclick=\"x()\">bold</b>\r\nnext line";
  {
    std::ofstream out(dir / "records" / (std::string(kPatient2) + ".json"));
    out << json{{"nhsNumber", kPatient2},
                {"diary", json::array({{{"id", "h-dia-1"}, {"code", {"185389009", "Follow-up <visit>"}}, {"date", "2022-01-15"}, {"note", hostile}}})}}
               .dump();
  }
  const RecordStore store = RecordStore::load(dir);
  auto ctx = context();
  ctx.store = &store;
  const std::string x = divOf(getCareRecord(ctx, request(kPatient2, "ADM")));
  std::filesystem::remove_all(dir);
  const auto doc = parse(x);
  EXPECT_EQ(x.find("<script"), std::string::npos);
  EXPECT_EQ(x.find("<b "), std::string::npos);
  EXPECT_EQ(x.find("&nbsp;"), std::string::npos);
  EXPECT_EQ(x.find('\r'), std::string::npos);
  EXPECT_EQ(texts(doc, "//table[@id='adm-tab']//td[2]"), Columns{"Follow-up <visit>"});
  const auto details = doc.select_node("//table[@id='adm-tab']//td[3]").node();
  EXPECT_EQ(std::string(details.first_child().value()), "<script>alert(1)</script> & &nbsp; <b onclick=\"x()\">bold</b>");
  EXPECT_EQ(std::string(details.last_child().value()), "next line");
  EXPECT_EQ(std::string(details.child("br").name()), "br");
}

TEST(HtmlFaults, EachFaultChangesTheOutputAndBreaksItsRule) {
  const std::string clean = div(kPatient2, "MED");
  const std::string swapped = div(kPatient2, "MED", nullptr, {"html-column-order-wrong"});
  EXPECT_NE(clean, swapped);
  EXPECT_EQ(headers(parse(swapped), "med-tab-all-sum")[0], "Start Date");
  EXPECT_EQ(headers(parse(swapped), "med-tab-all-sum")[1], "Type");
  const std::string script = div(kPatient2, "MED", nullptr, {"html-script"});
  EXPECT_NE(script.find("<script>"), std::string::npos);
  EXPECT_EQ(headers(parse(script), "med-tab-all-sum")[0], "Type");
  const std::string entity = div(kPatient2, "MED", nullptr, {"html-entity"});
  EXPECT_NE(entity.find("&nbsp;"), std::string::npos);
  EXPECT_EQ(entity.find("<script"), std::string::npos);
  EXPECT_NE(clean.find("&#160;"), std::string::npos);
  EXPECT_TRUE(checks::narrativeIssues(clean).empty());
  EXPECT_EQ(checks::narrativeIssues(script).front().rule, "element");
  EXPECT_EQ(checks::narrativeIssues(entity).front().rule, "entity");
  const std::string event = div(kPatient2, "MED", nullptr, {"html-event-attribute"});
  EXPECT_NE(event.find("<h1 onclick="), std::string::npos) << event;
  EXPECT_EQ(checks::narrativeIssues(event).front().rule, "attribute");
  const std::string malformed = div(kPatient2, "MED", nullptr, {"html-malformed"});
  EXPECT_EQ(malformed.find("</h1>"), std::string::npos) << malformed;
  pugi::xml_document doc;
  EXPECT_FALSE(doc.load_string(malformed.c_str()));
  EXPECT_EQ(checks::narrativeIssues(malformed).front().rule, "well-formed");
}

}  // namespace
}  // namespace gpc::provider::html
