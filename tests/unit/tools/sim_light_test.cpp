#include <gtest/gtest.h>

#include "roost/tools/sim/light_model.hpp"

namespace roost::tools::sim {
namespace {

TEST(SimLight, StartsOffAndReportsOffOnConnect) {
  light_model light;
  EXPECT_EQ(light.on_connected(1), "off");
  EXPECT_FALSE(light.on());
}

TEST(SimLight, AppliesBrightnessAndColour) {
  light_model light;
  EXPECT_EQ(light.on_message("on#50#255", 1), "on#50#255");
  EXPECT_TRUE(light.on());
  EXPECT_EQ(light.brightness(), 50u);
  EXPECT_EQ(light.colour(), 255u);
  EXPECT_EQ(light.on_message("on#80#16711680", 2), "on#80#16711680");
}

TEST(SimLight, OnAloneKeepsBrightnessAndColourAcrossOff) {
  light_model light;
  (void)light.on_message("on#30#65280", 1);
  EXPECT_EQ(light.on_message("off", 2), "off");
  EXPECT_FALSE(light.on());
  EXPECT_EQ(light.on_message("on", 3), "on#30#65280");
}

TEST(SimLight, BrightnessOnlyAndEmptyFieldKeepTheOther) {
  light_model light;
  EXPECT_EQ(light.on_message("on#20", 1), "on#20#16777215");
  EXPECT_EQ(light.on_message("on##255", 2), "on#20#255");
}

TEST(SimLight, ColourTemperatureIsKeptAsGiven) {
  light_model light;
  EXPECT_EQ(light.on_message("on#60#4000", 1), "on#60#4000");
}

TEST(SimLight, BrightnessIsClampedToOneToHundred) {
  light_model light;
  EXPECT_EQ(light.on_message("on#0", 1), "on#1#16777215");
  EXPECT_EQ(light.on_message("on#250", 2), "on#100#16777215");
}

TEST(SimLight, CaseAndSpacesAreIgnored) {
  light_model light;
  EXPECT_EQ(light.on_message(" ON#40 \r\n", 1), "on#40#16777215");
}

TEST(SimLight, MalformedCommandsChangeNothing) {
  light_model light;
  (void)light.on_message("on#50#255", 1);
  for (const char* bad : {"on#x", "on#50#red", "on#50#16777216", "toggle", "", "#23#61"}) {
    EXPECT_EQ(light.on_message(bad, 2), std::nullopt) << bad;
  }
  EXPECT_EQ(light.on_connected(3), "on#50#255");
}

TEST(SimLight, HasNoTimers) {
  light_model light;
  EXPECT_EQ(light.next_deadline(), no_deadline);
  EXPECT_EQ(light.on_tick(1000000), std::nullopt);
}

}  // namespace
}  // namespace roost::tools::sim
