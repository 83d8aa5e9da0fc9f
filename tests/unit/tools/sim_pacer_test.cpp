#include <gtest/gtest.h>

#include "roost/tools/sim/connect_pacer.hpp"

namespace roost::tools::sim {
namespace {

TEST(SimPacer, AllowsABurstThenTheRate) {
  connect_pacer p{100, 5};  // 100/s: one token every 10 ms
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(p.try_take(1000)) << i;
  EXPECT_FALSE(p.try_take(1000));
  EXPECT_EQ(p.next_token(1000), 1010u);
  EXPECT_FALSE(p.try_take(1009));
  EXPECT_TRUE(p.try_take(1010));
  EXPECT_FALSE(p.try_take(1010));
}

TEST(SimPacer, AveragesTheRateOverTime) {
  connect_pacer p{300, 6};
  int taken = 0;
  for (millis t = 0; t <= 10000; ++t)
    while (p.try_take(t)) ++taken;
  // 10 s at 300/s plus the first burst.
  EXPECT_GE(taken, 3000);
  EXPECT_LE(taken, 3006);
}

TEST(SimPacer, IdleTimeDoesNotBuildMoreThanTheBurst) {
  connect_pacer p{10, 2};
  EXPECT_TRUE(p.try_take(0));
  EXPECT_TRUE(p.try_take(0));
  EXPECT_FALSE(p.try_take(0));
  int taken = 0;
  while (p.try_take(60000)) ++taken;
  EXPECT_EQ(taken, 2);
}

TEST(SimPacer, ZeroRateAndBurstMeanOne) {
  connect_pacer p{0, 0};
  EXPECT_TRUE(p.try_take(0));
  EXPECT_FALSE(p.try_take(0));
  EXPECT_EQ(p.next_token(0), 1000u);
}

}  // namespace
}  // namespace roost::tools::sim
