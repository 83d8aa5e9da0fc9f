#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <string>

#include "roost/tools/sim/sensor_model.hpp"

namespace roost::tools::sim {
namespace {

// `#<t>.<d>#<h>`: the temperature with one decimal, the humidity whole.
const std::regex report_format{R"(#(-?\d+)\.(\d)#(\d+))"};

TEST(SimSensor, ReportsAtConnectInTheTempHumiFormat) {
  sensor_model s{7, 10000};
  const std::string r = s.on_connected(1000);
  std::smatch m;
  ASSERT_TRUE(std::regex_match(r, m, report_format)) << r;
  EXPECT_EQ(std::stoi(m[1]) * 10 + std::stoi(m[2]), s.temperature_tenths());
  EXPECT_EQ(std::stoi(m[3]), s.humidity());
  EXPECT_GE(s.temperature_tenths(), 180);
  EXPECT_LE(s.temperature_tenths(), 260);
  EXPECT_GE(s.humidity(), 40);
  EXPECT_LE(s.humidity(), 65);
}

TEST(SimSensor, ReportsEveryInterval) {
  sensor_model s{1, 10000};
  EXPECT_EQ(s.next_deadline(), no_deadline);  // nothing before the first connect
  (void)s.on_connected(1000);
  EXPECT_EQ(s.next_deadline(), 11000u);
  EXPECT_EQ(s.on_tick(10999), std::nullopt);
  EXPECT_TRUE(s.on_tick(11000).has_value());
  EXPECT_EQ(s.next_deadline(), 21000u);
  EXPECT_TRUE(s.on_tick(21005).has_value());
  EXPECT_EQ(s.next_deadline(), 31000u);  // the grid does not drift with a late tick
}

TEST(SimSensor, ALongStallGivesOneReportNotABurst) {
  sensor_model s{1, 1000};
  (void)s.on_connected(0);
  EXPECT_TRUE(s.on_tick(60000).has_value());
  EXPECT_EQ(s.next_deadline(), 61000u);
  EXPECT_EQ(s.on_tick(60500), std::nullopt);
}

TEST(SimSensor, ValuesDriftInSmallStepsAndStayNearTheBase) {
  sensor_model s{42, 1000};
  (void)s.on_connected(0);
  const int base_t = s.temperature_tenths(), base_h = s.humidity();
  int prev_t = base_t, prev_h = base_h;
  bool changed = false;
  for (millis t = 1000; t <= 2000 * 1000; t += 1000) {
    const auto r = s.on_tick(t);
    ASSERT_TRUE(r.has_value());
    ASSERT_TRUE(std::regex_match(*r, report_format)) << *r;
    EXPECT_LE(std::abs(s.temperature_tenths() - prev_t), 3 + 20);  // a step plus the pull back
    EXPECT_LE(std::abs(s.humidity() - prev_h), 1 + 10);
    EXPECT_LE(std::abs(s.temperature_tenths() - base_t), 30) << "temperature wandered off";
    EXPECT_LE(std::abs(s.humidity() - base_h), 10) << "humidity wandered off";
    changed = changed || s.temperature_tenths() != base_t;
    prev_t = s.temperature_tenths();
    prev_h = s.humidity();
  }
  EXPECT_TRUE(changed);
}

TEST(SimSensor, SeedsGiveDifferentAndReproducibleSensors) {
  sensor_model a{1, 1000}, b{1, 1000};
  EXPECT_EQ(a.on_connected(0), b.on_connected(0));
  EXPECT_EQ(a.on_tick(1000), b.on_tick(1000));
  bool differs = false;
  for (std::uint64_t seed = 2; seed < 10; ++seed) {
    sensor_model other{seed, 1000};
    differs = differs || other.on_connected(0) != sensor_model{1, 1000}.on_connected(0);
  }
  EXPECT_TRUE(differs);
}

TEST(SimSensor, IgnoresMessages) {
  sensor_model s{1, 1000};
  EXPECT_EQ(s.on_message("on", 0), std::nullopt);
}

}  // namespace
}  // namespace roost::tools::sim
