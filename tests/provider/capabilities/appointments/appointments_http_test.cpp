// Appointment Management over HTTP against one reference provider: free slot search, booking
// consuming its slot, read with ETag, amend and cancel with their rules and If-Match, patient
// appointment search, the merged CapabilityStatement, and concurrent bookings of one slot.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "provider/capabilities/appointments/appointment_time.h"
#include "provider/reference_provider.h"
#include "tests/provider/provider_test_support.h"

namespace gpc::provider::testing {
namespace {

using nlohmann::json;
namespace appt = appointments;

std::string day(int offset) {
  const auto now = static_cast<appt::Instant>(nowSeconds());
  return appt::isoDate(appt::addDays(appt::ukDate(now), offset));
}

class AppointmentsHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    provider_ = new ReferenceProvider(ProviderOptions{});
    provider_->start();
  }
  static void TearDownTestSuite() { delete provider_; }

  static httplib::Result send(const Call& c) {
    httplib::Client client("127.0.0.1", provider_->port());
    return testing::send(client, c);
  }
  static json body(const httplib::Result& r) { return json::parse(r->body, nullptr, false); }

  static Call slotSearch(const std::string& query) {
    return {"GET", kRoot + "/Slot?" + query, kNs + "fhir:rest:search:slot-1"};
  }
  static std::string slotQuery(int fromDay, int toDay, const std::string& extra = "") {
    return "start=ge" + day(fromDay) + "&end=le" + day(toDay) + "&status=free&_include=Slot:schedule" + extra;
  }
  static std::vector<json> resources(const json& bundle, const std::string& type) {
    std::vector<json> out;
    for (const auto& e : bundle.value("entry", json::array()))
      if (e["resource"]["resourceType"] == type) out.push_back(e["resource"]);
    return out;
  }

  static json bookingFor(const json& slot, const std::string& patientId = "2") {
    return {{"resourceType", "Appointment"},
            {"meta", {{"profile", {"https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1"}}}},
            {"contained",
             {{{"resourceType", "Organization"},
               {"id", "1"},
               {"identifier", {{{"system", "https://fhir.nhs.uk/Id/ods-organization-code"}, {"value", "A00001"}}}},
               {"name", "Booking Org"},
               {"telecom", {{{"system", "phone"}, {"value", "0300 303 5678"}}}}}}},
            {"extension",
             {{{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-BookingOrganisation-1"},
               {"valueReference", {{"reference", "#1"}}}}}},
            {"status", "booked"},
            {"description", "Test booking"},
            {"start", slot["start"]},
            {"end", slot["end"]},
            {"slot", {{{"reference", "Slot/" + slot["id"].get<std::string>()}}}},
            {"created", appt::ukLocalDateTime(nowSeconds())},
            {"participant",
             {{{"actor", {{"reference", "Patient/" + patientId}}}, {"status", "accepted"}},
              {{"actor", {{"reference", "Location/1"}}}, {"status", "accepted"}}}}};
  }
  static Call book(const json& appointment) {
    Call c{"POST", kRoot + "/Appointment", kNs + "fhir:rest:create:appointment-1", "patient/*.write"};
    c.body = appointment.dump();
    return c;
  }
  static Call change(const json& appointment, const std::string& which, const std::string& ifMatch = "") {
    Call c{"PUT", kRoot + "/Appointment/" + appointment["id"].get<std::string>(), kNs + "fhir:rest:" + which + ":appointment-1",
           "patient/*.write"};
    c.body = appointment.dump();
    if (!ifMatch.empty()) c.headers["If-Match"] = ifMatch;
    return c;
  }
  // A free slot of schedule 1 on day `offset`, not taken by another test of this suite.
  static json freeSlot(int offset) {
    auto r = send(slotSearch(slotQuery(offset, offset)));
    const auto slots = resources(body(r), "Slot");
    for (const auto& s : slots)
      if (s["schedule"]["reference"] == "Schedule/1") return s;
    return nullptr;
  }
  static std::string code(const httplib::Result& r) { return body(r)["issue"][0]["details"]["coding"][0]["code"]; }

  static ReferenceProvider* provider_;
};
ReferenceProvider* AppointmentsHttp::provider_ = nullptr;

TEST_F(AppointmentsHttp, FreeSlotSearchReturnsSlotsSchedulesAndThePractice) {
  auto r = send(slotSearch(slotQuery(1, 3, "&_include:recurse=Schedule:actor:Location&_include:recurse=Schedule:actor:Practitioner")));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json bundle = body(r);
  EXPECT_EQ(bundle["type"], "searchset");
  const auto slots = resources(bundle, "Slot");
  ASSERT_FALSE(slots.empty());
  for (const auto& s : slots) {
    EXPECT_EQ(s["status"], "free");
    EXPECT_GE(s["start"].get<std::string>(), day(1));
    EXPECT_LT(s["end"].get<std::string>(), day(4));
  }
  EXPECT_FALSE(resources(bundle, "Schedule").empty());
  EXPECT_GE(resources(bundle, "Location").size(), 2u) << "main and branch surgeries";
  EXPECT_FALSE(resources(bundle, "Practitioner").empty());
  ASSERT_EQ(resources(bundle, "Organization").size(), 1u);
  // Restricted schedules (3: urgent-care only, 4: ODS R1A14 only) are not offered without the filter.
  for (const auto& s : slots) EXPECT_TRUE(s["schedule"]["reference"] == "Schedule/1" || s["schedule"]["reference"] == "Schedule/2");
  auto urgent = send(slotSearch(slotQuery(1, 3, "&searchFilter=https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1%7Curgent-care")));
  bool schedule3 = false;
  for (const auto& s : resources(body(urgent), "Slot")) schedule3 = schedule3 || s["schedule"]["reference"] == "Schedule/3";
  EXPECT_TRUE(schedule3);
}

TEST_F(AppointmentsHttp, FreeSlotSearchParameterRules) {
  auto tooLong = send(slotSearch(slotQuery(1, 16)));
  EXPECT_EQ(tooLong->status, 422);
  EXPECT_EQ(code(tooLong), "INVALID_PARAMETER");
  EXPECT_EQ(send(slotSearch(slotQuery(1, 15)))->status, 200) << "ge D le D+14 is two weeks";
  EXPECT_EQ(send(slotSearch("start=ge" + day(1) + "&end=le" + day(2) + "&_include=Slot:schedule"))->status, 400);
  EXPECT_EQ(send(slotSearch("start=ge" + day(1) + "&end=le" + day(2) + "&status=free"))->status, 400);
  auto busy = send(slotSearch("start=ge" + day(1) + "&end=le" + day(2) + "&status=busy&_include=Slot:schedule"));
  EXPECT_EQ(busy->status, 422);
  auto prefix = send(slotSearch("start=gt" + day(1) + "&end=le" + day(2) + "&status=free&_include=Slot:schedule"));
  EXPECT_EQ(prefix->status, 422);
  auto partial = send(slotSearch("start=ge" + day(1).substr(0, 7) + "&end=le" + day(2) + "&status=free&_include=Slot:schedule"));
  EXPECT_EQ(partial->status, 422);
  auto none = send(slotSearch(slotQuery(40, 41)));
  ASSERT_EQ(none->status, 200);
  EXPECT_FALSE(body(none).contains("entry")) << "no slots: an empty Bundle";
}

TEST_F(AppointmentsHttp, BookReadAmendCancelLifecycle) {
  const json slot = freeSlot(2);
  ASSERT_FALSE(slot.is_null());
  auto booked = send(book(bookingFor(slot)));
  ASSERT_EQ(booked->status, 201) << booked->body;
  EXPECT_EQ(booked->get_header_value("ETag"), "W/\"1\"");
  json appointment = body(booked);
  const std::string id = appointment["id"];
  EXPECT_NE(booked->get_header_value("Location").find("/Appointment/" + id), std::string::npos);
  EXPECT_EQ(appointment["meta"]["versionId"], "1");
  EXPECT_EQ(appointment["serviceType"][0]["text"], "General GP Appointment");

  // The slot is consumed: no longer offered, and booking it again is a duplicate.
  for (const auto& s : resources(body(send(slotSearch(slotQuery(2, 2)))), "Slot")) EXPECT_NE(s["id"], slot["id"]);
  auto again = send(book(bookingFor(slot)));
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(code(again), "DUPLICATE_REJECTED");

  auto read = send({"GET", kRoot + "/Appointment/" + id, kNs + "fhir:rest:read:appointment-1", "patient/*.read"});
  ASSERT_EQ(read->status, 200);
  EXPECT_EQ(read->get_header_value("ETag"), "W/\"1\"");

  json amend = appointment;
  amend["description"] = "Changed";
  auto amended = send(change(amend, "update", "W/\"1\""));
  ASSERT_EQ(amended->status, 200) << amended->body;
  EXPECT_EQ(body(amended)["description"], "Changed");
  EXPECT_EQ(body(amended)["meta"]["versionId"], "2");
  auto stale = send(change(amend, "update", "W/\"1\""));
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(code(stale), "FHIR_CONSTRAINT_VIOLATION");
  json moved = body(amended);
  moved["priority"] = 1;
  auto notAllowed = send(change(moved, "update"));
  EXPECT_EQ(notAllowed->status, 422);
  EXPECT_EQ(code(notAllowed), "INVALID_RESOURCE");

  json cancel = body(amended);
  cancel["status"] = "cancelled";
  auto noReason = send(change(cancel, "cancel"));
  EXPECT_EQ(noReason->status, 422);
  EXPECT_EQ(code(noReason), "INVALID_PARAMETER");
  cancel["extension"].push_back({{"url", "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-AppointmentCancellationReason-1"},
                                 {"valueString", "No longer needed"}});
  json cancelAndComment = cancel;
  cancelAndComment["comment"] = "sneaked in";
  EXPECT_EQ(send(change(cancelAndComment, "cancel"))->status, 422);
  auto cancelled = send(change(cancel, "cancel", "W/\"2\""));
  ASSERT_EQ(cancelled->status, 200) << cancelled->body;
  EXPECT_EQ(body(cancelled)["status"], "cancelled");
  EXPECT_EQ(body(cancelled)["meta"]["versionId"], "3");
  EXPECT_NE(body(cancelled).dump().find("No longer needed"), std::string::npos);
  EXPECT_EQ(send(change(cancel, "cancel"))->status, 422) << "already cancelled";

  // The slot is free again, and the cancelled appointment is still in the patient's list.
  bool offered = false;
  for (const auto& s : resources(body(send(slotSearch(slotQuery(2, 2)))), "Slot")) offered = offered || s["id"] == slot["id"];
  EXPECT_TRUE(offered);
  auto list = send({"GET", kRoot + "/Patient/2/Appointment?start=ge" + day(0) + "&start=le" + day(5),
                    kNs + "fhir:rest:search:patient_appointments-1", "patient/*.read"});
  ASSERT_EQ(list->status, 200) << list->body;
  bool listed = false;
  for (const auto& a : resources(body(list), "Appointment")) listed = listed || a["id"] == id;
  EXPECT_TRUE(listed);
}

TEST_F(AppointmentsHttp, BookingRules) {
  const json slot = freeSlot(3);
  ASSERT_FALSE(slot.is_null());
  json withReason = bookingFor(slot);
  withReason["reason"] = {{{"text", "x"}}};
  EXPECT_EQ(code(send(book(withReason))), "INVALID_RESOURCE");
  json noSlot = bookingFor(slot);
  noSlot["slot"] = {{{"reference", "Slot/1-19990101-0900"}}};
  EXPECT_EQ(code(send(book(noSlot))), "REFERENCE_NOT_FOUND");
  json wrongEnd = bookingFor(slot);
  wrongEnd["end"] = wrongEnd["start"];
  EXPECT_EQ(code(send(book(wrongEnd))), "INVALID_RESOURCE");
  json noOrg = bookingFor(slot);
  noOrg["contained"][0].erase("telecom");
  EXPECT_EQ(code(send(book(noOrg))), "INVALID_RESOURCE");
  json absolute = bookingFor(slot);
  absolute["participant"][0]["actor"]["reference"] = "https://elsewhere.example/Patient/2";
  EXPECT_EQ(code(send(book(absolute))), "INVALID_RESOURCE");
  Call readScope = book(bookingFor(slot));
  readScope.scope = "patient/*.read";
  EXPECT_EQ(send(readScope)->status, 400) << "create needs patient/*.write";
}

TEST_F(AppointmentsHttp, PatientAppointmentSearchRules) {
  auto search = [](const std::string& query) {
    return send({"GET", kRoot + "/Patient/2/Appointment?" + query, kNs + "fhir:rest:search:patient_appointments-1",
                 "patient/*.read"});
  };
  EXPECT_EQ(code(search("start=ge" + day(-1) + "&start=le" + day(3))), "INVALID_PARAMETER") << "past";
  EXPECT_EQ(code(search("start=ge" + day(1))), "INVALID_PARAMETER") << "one start only";
  EXPECT_EQ(code(search("start=ge" + day(3) + "&start=le" + day(1))), "INVALID_PARAMETER") << "inverted";
  EXPECT_EQ(code(search("start=ge" + day(1) + "T10:00:00%2B00:00&start=le" + day(3))), "INVALID_PARAMETER") << "time";
  EXPECT_EQ(search("start=ge" + day(0) + "&start=le" + day(3))->status, 200);
  auto unknown = send({"GET", kRoot + "/Patient/99999/Appointment?start=ge" + day(0) + "&start=le" + day(3),
                       kNs + "fhir:rest:search:patient_appointments-1", "patient/*.read"});
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(AppointmentsHttp, OneSlotIsBookedOnceUnderConcurrentRequests) {
  const json slot = freeSlot(4);
  ASSERT_FALSE(slot.is_null());
  std::atomic<int> created = 0, duplicates = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      auto r = send(book(bookingFor(slot)));
      if (r && r->status == 201) ++created;
      if (r && r->status == 409) ++duplicates;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(duplicates, 7);
}

TEST_F(AppointmentsHttp, MetadataCarriesTheAppointmentResources) {
  auto r = send(metadataCall());
  ASSERT_EQ(r->status, 200);
  std::set<std::string> types;
  const json statement = body(r);
  for (const auto& res : statement["rest"][0]["resource"]) types.insert(res["type"]);
  for (const char* t : {"Patient", "Slot", "Appointment"}) EXPECT_TRUE(types.count(t)) << t;
}

}  // namespace
}  // namespace gpc::provider::testing
