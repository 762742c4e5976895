// UK local time for Appointment Management: BST boundaries, local wall-clock instants and the
// dateTime forms the slot search accepts and refuses.
#include <gtest/gtest.h>

#include "provider/capabilities/appointments/appointment_time.h"

namespace gpc::provider::appointments {
namespace {

TEST(AppointmentTime, CivilDaysRoundTrip) {
  EXPECT_EQ(daysSinceEpoch({1970, 1, 1}), 0);
  EXPECT_EQ(daysSinceEpoch({2000, 3, 1}), 11017);
  for (std::int64_t d : {-1000LL, 0LL, 19000LL, 20794LL}) EXPECT_EQ(daysSinceEpoch(civilFromDays(d)), d);
  EXPECT_EQ(addDays({2024, 2, 28}, 1), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(addDays({2023, 12, 31}, 1), (CivilDate{2024, 1, 1}));
}

TEST(AppointmentTime, BritishSummerTimeBoundaries) {
  // 2026: BST from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
  const Instant springChange = daysSinceEpoch({2026, 3, 29}) * 86400 + 3600;
  const Instant autumnChange = daysSinceEpoch({2026, 10, 25}) * 86400 + 3600;
  EXPECT_EQ(ukOffsetSeconds(springChange - 1), 0);
  EXPECT_EQ(ukOffsetSeconds(springChange), 3600);
  EXPECT_EQ(ukOffsetSeconds(autumnChange - 1), 3600);
  EXPECT_EQ(ukOffsetSeconds(autumnChange), 0);
}

TEST(AppointmentTime, WallClockIsWrittenInUkLocalForm) {
  EXPECT_EQ(ukLocalDateTime(ukWallClock({2026, 7, 1}, 9 * 60 + 15)), "2026-07-01T09:15:00+01:00");
  EXPECT_EQ(ukLocalDateTime(ukWallClock({2026, 12, 7}, 9 * 60)), "2026-12-07T09:00:00+00:00");
  EXPECT_EQ(ukDate(ukWallClock({2026, 7, 1}, 0)), (CivilDate{2026, 7, 1}));
}

TEST(AppointmentTime, ParsesOnlyCompleteDatesAndDateTimes) {
  EXPECT_TRUE(parseDate("2026-02-28"));
  EXPECT_FALSE(parseDate("2026-02-30"));
  EXPECT_FALSE(parseDate("2026-02"));
  EXPECT_FALSE(parseDate("2026-2-28"));
  EXPECT_EQ(parseDateTime("2026-07-01T09:15:00+01:00"), ukWallClock({2026, 7, 1}, 9 * 60 + 15));
  EXPECT_EQ(parseDateTime("2026-07-01T08:15:00Z"), ukWallClock({2026, 7, 1}, 9 * 60 + 15));
  EXPECT_TRUE(parseDateTime("2026-07-01T08:15:00.123Z"));
  EXPECT_FALSE(parseDateTime("2026-07-01T08:15+01:00"));  // no seconds
  EXPECT_FALSE(parseDateTime("2026-07-01T08:15:00"));     // no offset
  EXPECT_FALSE(parseDateTime("2026-07-01T25:15:00Z"));
}

}  // namespace
}  // namespace gpc::provider::appointments
