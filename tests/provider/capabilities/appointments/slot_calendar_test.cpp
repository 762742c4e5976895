// The practice's slot calendar: slot ids round-trip, only slots wholly inside a range are
// offered, the calendar's reach around today, and every schedule is at one of the practice's
// surgeries.
#include <gtest/gtest.h>

#include "provider/capabilities/appointments/slot_calendar.h"
#include "provider/datapack/data_pack.h"

namespace gpc::provider::appointments {
namespace {

const CivilDate kToday{2026, 12, 7};

TEST(SlotCalendar, SlotIdsNameScheduleDayAndTime) {
  const SlotCalendar calendar;
  const auto slot = calendar.slot("1-20261208-0915", kToday);
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->schedule->id, "1");
  EXPECT_EQ(slot->id(), "1-20261208-0915");
  EXPECT_EQ(ukLocalDateTime(slot->start()), "2026-12-08T09:15:00+00:00");
  EXPECT_EQ(ukLocalDateTime(slot->end()), "2026-12-08T09:30:00+00:00");
  EXPECT_FALSE(calendar.slot("1-20261208-0920", kToday)) << "not on the 15-minute grid";
  EXPECT_FALSE(calendar.slot("1-20261208-1200", kToday)) << "after the session";
  EXPECT_FALSE(calendar.slot("9-20261208-0915", kToday)) << "no such schedule";
  EXPECT_FALSE(calendar.slot("1-20270208-0915", kToday)) << "beyond the calendar's reach";
  EXPECT_FALSE(calendar.slot("1-2026120-80915", kToday));
  EXPECT_FALSE(calendar.slot("Slot1", kToday));
}

TEST(SlotCalendar, OffersOnlySlotsWhollyInsideTheRange) {
  const SlotCalendar calendar;
  // 09:10-09:50 on schedule 1's 15-minute grid holds 09:15 and 09:30 only.
  const auto slots = calendar.slotsBetween(ukWallClock({2026, 12, 8}, 9 * 60 + 10), ukWallClock({2026, 12, 8}, 9 * 60 + 50), kToday);
  std::vector<std::string> ids;
  for (const auto& s : slots) ids.push_back(s.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"1-20261208-0915", "1-20261208-0930"}));
  EXPECT_TRUE(calendar.slotsBetween(ukWallClock({2026, 12, 8}, 600), ukWallClock({2026, 12, 7}, 600), kToday).empty());
}

TEST(SlotCalendar, SchedulesAreAtThePracticesSurgeries) {
  const SlotCalendar calendar;
  const auto pack = datapack::DataPack::load(datapack::DataPack::defaultDir());
  std::set<std::string> locations;
  for (const auto& s : calendar.schedules()) {
    const auto* location = pack.locationById(s.locationId);
    ASSERT_NE(location, nullptr) << "Schedule/" << s.id;
    EXPECT_EQ(location->resource["managingOrganization"]["reference"], "Organization/" + pack.practice().logicalId);
    if (!s.practitionerId.empty()) {
      EXPECT_NE(pack.practitionerById(s.practitionerId), nullptr) << "Schedule/" << s.id;
    }
    locations.insert(s.locationId);
    const auto schedule = scheduleResource(s, kToday);
    EXPECT_EQ(schedule["actor"][0]["reference"], "Location/" + s.locationId);
  }
  EXPECT_GE(locations.size(), 2u) << "a branch surgery besides the main one";
}

}  // namespace
}  // namespace gpc::provider::appointments
