// The `[http] time_zone` setting: offsets, UTC and plain minutes, and what is refused.

#include <gtest/gtest.h>

#include "parse_time_zone.hpp"

namespace roost::app {
namespace {

int minutes(std::string_view text) {
  auto r = parse_time_zone(text);
  EXPECT_TRUE(r) << text << ": " << (r ? "" : r.error());
  return r ? *r : -99999;
}

TEST(parse_time_zone, reads_offsets_utc_and_minutes) {
  EXPECT_EQ(minutes("+08:00"), 480);
  EXPECT_EQ(minutes("-05:30"), -330);
  EXPECT_EQ(minutes("+0545"), 345);
  EXPECT_EQ(minutes("+8"), 480);
  EXPECT_EQ(minutes("-03"), -180);
  EXPECT_EQ(minutes("UTC"), 0);
  EXPECT_EQ(minutes("Z"), 0);
  EXPECT_EQ(minutes("480"), 480);
  EXPECT_EQ(minutes("-300"), -300);
  EXPECT_EQ(minutes("+14:00"), 840);
  EXPECT_EQ(minutes("-14:00"), -840);
}

TEST(parse_time_zone, refuses_what_is_not_a_zone) {
  for (const char* bad : {"", "+", "abc", "+08:0", "+08:60", "+123:00", "08:00x", "+15:00", "900", "-841", "1.5",
                          "+08:00:00", "--1"}) {
    auto r = parse_time_zone(bad);
    EXPECT_FALSE(r) << bad;
  }
  auto r = parse_time_zone("+15:00");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), "must be between -14:00 and +14:00 (got '+15:00')");
}

TEST(format_time_zone, writes_sign_hours_and_minutes) {
  EXPECT_EQ(format_time_zone(480), "+08:00");
  EXPECT_EQ(format_time_zone(-330), "-05:30");
  EXPECT_EQ(format_time_zone(0), "+00:00");
  for (int m : {-840, -1, 0, 1, 345, 840}) EXPECT_EQ(minutes(format_time_zone(m)), m);
}

}  // namespace
}  // namespace roost::app
