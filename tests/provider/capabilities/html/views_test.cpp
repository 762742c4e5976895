// Access Record HTML 0.7.4: the summary's Emergency Codes and Last 3 Encounters, and the
// per-section default time frames (configuration, banner, filtering, consumer period wins).
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "provider/capabilities/html/html_record.h"
#include "provider/capabilities/html/html_sections.h"
#include "provider/records/html_time_frames.h"
#include "tests/provider/capabilities/html/html_test_support.h"
#include "tests/provider/records/records_test_support.h"

namespace gpc::provider::html {
using namespace records;
namespace {

using nlohmann::json;
using testing::context;
using Texts = std::vector<std::string>;

const char* kPatient2 = "9690937286";  // full record
const char* kPatient3 = "9690937294";  // 4 encounters, 2 emergency codes

json request(const std::string& nhs, const std::string& section, json period = nullptr) {
  return testing::careRecordRequest(nhs, section, std::move(period));
}

std::string divOf(const RecordResponse& r) { return testing::sectionDiv(r); }

// The texts of the nodes `xpath` selects (a cell's whole text).
Texts texts(const std::string& xhtml, const std::string& xpath) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xhtml.c_str())) << xhtml;
  Texts out;
  for (const auto& n : doc.select_nodes(xpath.c_str())) out.push_back(n.node().text().get());
  return out;
}

// The subsection whose h2 is `title`.
std::string sub(const std::string& title) { return "/div/div[h2='" + title + "']"; }

TEST(HtmlSummary, EmergencyCodesAreListedWithTheirLocation) {
  const std::string x = divOf(getCareRecord(context(), request(kPatient3, "SUM")));
  const std::string table = sub("Emergency Codes") + "/table[@id='cli-tab']";
  EXPECT_EQ(texts(x, table + "/thead/tr/th"), (Texts{"Date", "Entry", "Details", "Location of further information"}));
  EXPECT_EQ(texts(x, table + "/tbody/tr/td[1]"), (Texts{"09-Mar-2023", "02-Jan-2018"}));  // most recent first
  EXPECT_EQ(texts(x, table + "/tbody/tr/td[2]"), (Texts{"Not for resuscitation", "Allergy to penicillin"}));
  EXPECT_EQ(texts(x, table + "/tbody/tr/td[3]"), (Texts{"DNACPR decision recorded", "Eruption of skin; Severity: mild"}));
  EXPECT_EQ(texts(x, table + "/tbody/tr/td[4]"),
            (Texts{"Original DNACPR form held by the patient at home; copy in the practice record", "Penicillin allergy alert card carried by the patient"}));
  pugi::xml_document doc;
  doc.load_string(x.c_str());
  EXPECT_EQ(std::string(doc.select_node((table + "/tbody/tr/td[1]").c_str()).node().attribute("class").value()), "date-column");
}

TEST(HtmlSummary, NoEmergencyCodesGivesTheEmptyText) {
  const std::string x = divOf(getCareRecord(context(), request(kPatient2, "SUM")));
  EXPECT_EQ(texts(x, sub("Emergency Codes") + "/p"), Texts{"No 'Emergency Codes' data is recorded for this patient."});
}

TEST(HtmlSummary, LastThreeEncountersOfMore) {
  const std::string enc = divOf(getCareRecord(context(), request(kPatient3, "ENC")));
  EXPECT_EQ(texts(enc, "/div/table[@id='enc-tab']/tbody/tr/td[1]"), (Texts{"01-May-2024", "01-Oct-2022", "14-Jun-2021", "30-Jan-2020"}));
  const std::string sum = divOf(getCareRecord(context(), request(kPatient3, "SUM")));
  EXPECT_EQ(texts(sum, sub("Last 3 Encounters") + "/table[@id='enc-tab']/tbody/tr/td[1]"), (Texts{"01-May-2024", "01-Oct-2022", "14-Jun-2021"}));
  // Fewer than three: all of them.
  const std::string two = divOf(getCareRecord(context(), request(kPatient2, "SUM")));
  EXPECT_EQ(texts(two, sub("Last 3 Encounters") + "/table/tbody/tr").size(), 2u);
}

TEST(HtmlTimeFrames, MonthsBeforeClampsTheDay) {
  EXPECT_EQ(html::monthsBefore("2026-06-15", 12), "2025-06-15");
  EXPECT_EQ(html::monthsBefore("2026-03-31", 1), "2026-02-28");
  EXPECT_EQ(html::monthsBefore("2024-02-29", 12), "2023-02-28");
  EXPECT_EQ(html::monthsBefore("2026-01-10", 13), "2024-12-10");
}

TEST(HtmlTimeFrames, ConfigurationErrorsNameThePlace) {
  EXPECT_EQ(records::parseTimeFrames(json{{"ENC", 12}, {"MED", 6}}, "f.json"), (records::TimeFrames{{"ENC", 12}, {"MED", 6}}));
  const auto error = [](const json& config) {
    try {
      records::parseTimeFrames(config, "f.json");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(error(json::array()), "f.json: $: must be an object of section code -> months");
  EXPECT_NE(error(json{{"enc", 12}}).find("f.json: $.enc: not a record section code"), std::string::npos);
  EXPECT_NE(error(json{{"ALL", 12}}).find("f.json: $.ALL: the ALL view is not date-filtered"), std::string::npos);
  EXPECT_NE(error(json{{"SUM", 12}}).find("$.SUM"), std::string::npos);
  EXPECT_NE(error(json{{"ENC", 0}}).find("$.ENC: months must be an integer 1-1200, got 0"), std::string::npos);
  EXPECT_NE(error(json{{"ENC", "12"}}).find("$.ENC: months"), std::string::npos);
  EXPECT_TRUE(records::loadTimeFrames("/nonexistent/default-time-frames.json").empty());
}

TEST(HtmlTimeFrames, DefaultAppliesOnlyWithoutAConsumerPeriod) {
  html::ViewRequest v{"ENC", "", "", false, "2026-06-15", "", "Practice", 36, {}};
  const json* record = &testing::RecordFixtures::get().store.find(kPatient3)->data;
  auto view = html::buildSection(v, record);
  ASSERT_EQ(view.subsections.size(), 1u);
  EXPECT_EQ(view.subsections[0].dateBanner, "All data items from 15-Jun-2023");
  ASSERT_EQ(view.subsections[0].table.rows.size(), 1u);
  EXPECT_EQ(view.subsections[0].table.rows[0][0].text, "01-May-2024");
  // A consumer period wins over the default.
  v.periodGiven = true;
  v.from = "2020-01-01";
  v.to = "2021-12-31";
  view = html::buildSection(v, record);
  EXPECT_EQ(view.subsections[0].dateBanner, "For the period '01-Jan-2020' to '31-Dec-2021'");
  EXPECT_EQ(view.subsections[0].table.rows.size(), 2u);
  // None configured: every item, "All relevant items".
  v = html::ViewRequest{"ENC", "", "", false, "2026-06-15", "", "Practice", 0, {}};
  view = html::buildSection(v, record);
  EXPECT_EQ(view.subsections[0].dateBanner, "All relevant items");
  EXPECT_EQ(view.subsections[0].table.rows.size(), 4u);
}

TEST(HtmlTimeFrames, MedicationsFilterOnlyTheDatedSubsections) {
  const html::ViewRequest v{"MED", "", "", false, "2026-06-15", "", "Practice", 24, {}};
  const auto view = html::buildSection(v, &testing::RecordFixtures::get().store.find(kPatient2)->data);
  for (const auto& s : view.subsections) {
    const bool dated = s.table.id == "med-tab-all-sum" || s.table.id == "med-tab-all-iss";
    EXPECT_EQ(s.dateBanner, dated ? "All data items from 15-Jun-2024" : "Date filter not applied") << s.table.id;
  }
}

// End to end through getCareRecord: the configuration file beside the record fixtures.
TEST(HtmlTimeFrames, ConfiguredInTheDataPack) {
  const auto dir = std::filesystem::temp_directory_path() / ("gpc-html-frames-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "records" / "html");
  std::filesystem::copy_file(std::filesystem::path(GPC_SOURCE_DIR) / "fixtures" / "records" / (std::string(kPatient3) + ".json"),
                             dir / "records" / (std::string(kPatient3) + ".json"));
  std::ofstream(dir / "records" / "html" / "default-time-frames.json") << R"({"ENC": 36})";
  {
    const RecordStore store = RecordStore::load(dir);
    auto ctx = context();
    ctx.store = &store;
    const std::string enc = divOf(getCareRecord(ctx, request(kPatient3, "ENC")));
    EXPECT_EQ(texts(enc, "/div/div[@class='date-banner']/p"), Texts{"All data items from 15-Jun-2023"});
    EXPECT_EQ(texts(enc, "/div/table/tbody/tr/td[1]"), Texts{"01-May-2024"});
    // Other sections are untouched, and SUM's encounters are never time-framed.
    const std::string sum = divOf(getCareRecord(ctx, request(kPatient3, "SUM")));
    EXPECT_EQ(texts(sum, sub("Last 3 Encounters") + "/table/tbody/tr").size(), 3u);
    EXPECT_TRUE(texts(sum, "//div[@class='date-banner']").empty());
  }
  // A broken configuration fails the data pack's loading, naming the file and the place.
  std::ofstream(dir / "records" / "html" / "default-time-frames.json") << R"({"IMM": 12})";
  try {
    RecordStore::load(dir);
    ADD_FAILURE() << "a time frame on IMM (not date-filtered) must not load";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("default-time-frames.json: $.IMM"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gpc::provider::html
