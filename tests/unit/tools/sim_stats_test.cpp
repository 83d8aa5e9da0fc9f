#include <gtest/gtest.h>

#include "roost/tools/sim/fleet_stats.hpp"

namespace roost::tools::sim {
namespace {

TEST(SimStats, CountsConnectionsAndReconnects) {
  fleet_stats stats{2};
  stats.connected(true, 100);
  stats.disconnected();
  stats.connected(false, 200);
  stats.message_in();
  stats.message_out();
  stats.message_out();
  stats.failed_connect();
  const auto s = stats.snapshot(1.5);
  EXPECT_EQ(s.devices, 2u);
  EXPECT_EQ(s.connected, 1u);
  EXPECT_EQ(s.ever_connected, 1u);
  EXPECT_EQ(s.reconnects, 1u);
  EXPECT_EQ(s.messages_in, 1u);
  EXPECT_EQ(s.messages_out, 2u);
  EXPECT_EQ(s.failed_connects, 1u);
  EXPECT_LT(s.all_connected_s, 0);
}

TEST(SimStats, RemembersWhenAllWereFirstConnected) {
  fleet_stats stats{2};
  stats.connected(true, 100);
  stats.connected(true, 2500);
  stats.disconnected();
  stats.connected(false, 9000);
  EXPECT_DOUBLE_EQ(stats.snapshot(10).all_connected_s, 2.5);
}

TEST(SimStats, Lines) {
  fleet_stats stats{1000};
  for (int i = 0; i < 1000; ++i) stats.connected(true, 4000);
  const auto s = stats.snapshot(12.04);
  EXPECT_EQ(status_line(s), "12.0 s  connected 1000/1000  in 0  out 0  reconnects 0  failed 0");
  EXPECT_EQ(summary_line(s),
            "done: 12.0 s  connected 1000/1000  in 0  out 0  reconnects 0  failed 0; all 1000 connected after 4.00 s "
            "(250/s)");
  fleet_stats partial{3};
  partial.connected(true, 10);
  EXPECT_NE(summary_line(partial.snapshot(1)).find("1 of 3 ever connected"), std::string::npos);
}

}  // namespace
}  // namespace roost::tools::sim
