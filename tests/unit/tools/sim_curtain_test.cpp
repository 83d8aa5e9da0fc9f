#include <gtest/gtest.h>

#include "roost/tools/sim/curtain_model.hpp"

namespace roost::tools::sim {
namespace {

// Runs the curtain's timers from `from` to `to` in 10 ms steps; returns the reports in order.
std::vector<std::string> run(curtain_model& c, millis from, millis to) {
  std::vector<std::string> out;
  for (millis t = from; t <= to; t += 10) {
    if (t >= c.next_deadline())
      if (auto r = c.on_tick(t)) out.push_back(*r);
  }
  return out;
}

TEST(SimCurtain, StartsClosed) {
  curtain_model c;
  EXPECT_EQ(c.on_connected(1), "off");
  EXPECT_EQ(c.position(1), 0u);
}

TEST(SimCurtain, MovesToAPositionAtItsSpeedAndReportsOnTheWay) {
  curtain_model c{20};  // 20 %/s
  EXPECT_EQ(c.on_message("on#50", 1000), std::nullopt);  // starts moving, reports later
  EXPECT_TRUE(c.moving());
  EXPECT_EQ(c.position(2000), 20u);
  EXPECT_EQ(run(c, 1000, 5000), (std::vector<std::string>{"on#20", "on#40", "on#50"}));
  EXPECT_FALSE(c.moving());
  EXPECT_EQ(c.position(9000), 50u);
  EXPECT_EQ(c.next_deadline(), no_deadline);
}

TEST(SimCurtain, OpenAndCloseAreFullTravel) {
  curtain_model c{50};
  (void)c.on_message("on", 0);
  const auto opening = run(c, 0, 3000);
  ASSERT_FALSE(opening.empty());
  EXPECT_EQ(opening.back(), "on#100");
  (void)c.on_message("off", 3000);
  const auto closing = run(c, 3000, 6000);
  ASSERT_FALSE(closing.empty());
  EXPECT_EQ(closing.back(), "off");
  EXPECT_EQ(c.position(6000), 0u);
}

TEST(SimCurtain, PauseStopsWhereItIs) {
  curtain_model c{20};
  (void)c.on_message("on", 0);
  EXPECT_EQ(c.on_message("pause", 1500), "on#30");
  EXPECT_FALSE(c.moving());
  EXPECT_EQ(c.position(10000), 30u);
  EXPECT_EQ(c.on_connected(10000), "on#30");
}

TEST(SimCurtain, ACommandThatNeedsNoMotionIsAcknowledgedAtOnce) {
  curtain_model c;
  EXPECT_EQ(c.on_message("off", 0), "off");
  EXPECT_EQ(c.on_message("on#0", 0), "off");
}

TEST(SimCurtain, ANewTargetWhileMovingStartsFromWhereItIs) {
  curtain_model c{20};
  (void)c.on_message("on", 0);
  (void)c.on_message("on#10", 2000);  // at 40, back to 10
  EXPECT_EQ(c.position(2500), 30u);
  const auto reports = run(c, 2000, 5000);
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back(), "on#10");
}

TEST(SimCurtain, MalformedCommandsAreIgnored) {
  curtain_model c;
  for (const char* bad : {"on#101", "on#x", "up", "#23#61"}) EXPECT_EQ(c.on_message(bad, 0), std::nullopt) << bad;
  EXPECT_FALSE(c.moving());
}

}  // namespace
}  // namespace roost::tools::sim
