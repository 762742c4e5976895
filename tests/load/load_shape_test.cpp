#include "runner/load/load_shape.h"

#include <gtest/gtest.h>

namespace gpc::load {
namespace {

TEST(LoadShape, DurationsInEveryUnit) {
  EXPECT_DOUBLE_EQ(parseDuration("90s"), 90);
  EXPECT_DOUBLE_EQ(parseDuration("5m"), 300);
  EXPECT_DOUBLE_EQ(parseDuration("8h"), 28800);
  EXPECT_DOUBLE_EQ(parseDuration("1h30m"), 5400);
  EXPECT_DOUBLE_EQ(parseDuration("250ms"), 0.25);
  EXPECT_DOUBLE_EQ(parseDuration("45"), 45);
  EXPECT_THROW(parseDuration(""), InvalidShape);
  EXPECT_THROW(parseDuration("5x"), InvalidShape);
  EXPECT_THROW(parseDuration("m"), InvalidShape);
}

TEST(LoadShape, RampNamesBothEndsWithOneUnit) {
  const RampStage s = parseRamp("0:50/s,5m");
  EXPECT_DOUBLE_EQ(s.fromRate, 0);
  EXPECT_DOUBLE_EQ(s.toRate, 50);
  EXPECT_DOUBLE_EQ(s.seconds, 300);
  const RampStage m = parseRamp("60:120/m,1m");
  EXPECT_DOUBLE_EQ(m.fromRate, 1);
  EXPECT_DOUBLE_EQ(m.toRate, 2);
  EXPECT_THROW(parseRamp("0-50/s,5m"), InvalidShape);
  EXPECT_THROW(parseRamp("0:50/s"), InvalidShape);
  EXPECT_THROW(parseRamp("0:50/q,5m"), InvalidShape);
}

TEST(LoadShape, ArrivalsAreTheIntegralOfTheRamp) {
  const LoadShape shape = makeShape(0, "", {"0:100/s,10s"}, "");
  EXPECT_DOUBLE_EQ(shape.durationSeconds, 10);
  EXPECT_DOUBLE_EQ(shape.rateAt(5), 50);
  EXPECT_DOUBLE_EQ(shape.arrivalsBy(10), 500);  // a triangle: 10 s x 100/s / 2
  EXPECT_DOUBLE_EQ(shape.arrivalsBy(5), 125);
}

TEST(LoadShape, DurationPastTheRampsHoldsTheLastRate) {
  const LoadShape soak = makeShape(0, "", {"0:50/s,5m"}, "8h");
  ASSERT_EQ(soak.stages.size(), 2u);
  EXPECT_DOUBLE_EQ(soak.stages[1].fromRate, 50);
  EXPECT_DOUBLE_EQ(soak.stages[1].seconds, 8 * 3600 - 300);
  EXPECT_DOUBLE_EQ(soak.durationSeconds, 8 * 3600);
  EXPECT_EQ(soak.describe(), "ramp 0->50/s over 5m, then 50/s for 475m");
  EXPECT_THROW(makeShape(0, "", {"0:50/s,5m"}, "1m"), InvalidShape);  // shorter than the ramp
  EXPECT_THROW(makeShape(0, "", {"50:0/s,5m"}, "1h"), InvalidShape);  // nothing to hold
}

TEST(LoadShape, ClosedAndOpenModelsDoNotMix) {
  const LoadShape closed = makeShape(0, "", {}, "");
  EXPECT_FALSE(closed.open());
  EXPECT_EQ(closed.concurrency, 16);
  EXPECT_DOUBLE_EQ(closed.durationSeconds, 30);
  const LoadShape constant = makeShape(0, "20/s", {}, "2m");
  EXPECT_TRUE(constant.open());
  EXPECT_DOUBLE_EQ(constant.arrivalsBy(120), 2400);
  EXPECT_THROW(makeShape(8, "20/s", {}, "1m"), InvalidShape);
  EXPECT_THROW(makeShape(0, "20/s", {"0:1/s,1m"}, ""), InvalidShape);
  try {
    makeShape(0, "fast", {}, "");
    FAIL() << "no error";
  } catch (const InvalidShape& e) {
    EXPECT_NE(std::string(e.what()).find("--rate"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gpc::load
