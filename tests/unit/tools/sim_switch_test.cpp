#include <gtest/gtest.h>

#include "roost/tools/sim/switch_model.hpp"

namespace roost::tools::sim {
namespace {

TEST(SimSwitch, SwitchesAndReports) {
  switch_model sw;
  EXPECT_EQ(sw.on_connected(1), "off");
  EXPECT_EQ(sw.on_message("on", 2), "on");
  EXPECT_TRUE(sw.on());
  EXPECT_EQ(sw.on_message("on", 3), "on");  // the same state is acknowledged again
  EXPECT_EQ(sw.on_message("Off\r\n", 4), "off");
  EXPECT_FALSE(sw.on());
}

TEST(SimSwitch, IgnoresOtherMessages) {
  switch_model sw;
  EXPECT_EQ(sw.on_message("pause", 1), std::nullopt);
  EXPECT_EQ(sw.on_message("1", 1), std::nullopt);
  EXPECT_FALSE(sw.on());
}

}  // namespace
}  // namespace roost::tools::sim
