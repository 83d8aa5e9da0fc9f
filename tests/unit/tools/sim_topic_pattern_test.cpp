#include <gtest/gtest.h>

#include "roost/tools/sim/device_kind.hpp"
#include "roost/tools/sim/topic_pattern.hpp"

namespace roost::tools::sim {
namespace {

TEST(SimTopicPattern, ReplacesEveryPlaceholder) {
  EXPECT_EQ(expand_topic("light{n}002", 1), "light1002");
  EXPECT_EQ(expand_topic("light{n}002", 1000), "light1000002");
  EXPECT_EQ(expand_topic("a{n}b{n}004", 7), "a7b7004");
  EXPECT_EQ(expand_topic("{n}", 12), "12");
}

TEST(SimTopicPattern, WithoutPlaceholderEveryDeviceSharesTheTopic) {
  EXPECT_EQ(expand_topic("group002", 1), "group002");
  EXPECT_EQ(expand_topic("group002", 99), "group002");
}

TEST(SimTopicPattern, OtherBracesStayAsTheyAre) {
  EXPECT_EQ(expand_topic("x{m}{n", 3), "x{m}{n");
}

TEST(SimTopicPattern, DefaultsPerKindCarryTheTypeSuffix) {
  EXPECT_EQ(default_topic_pattern(device_kind::light), "light{n}002");
  EXPECT_EQ(default_topic_pattern(device_kind::sensor), "sensor{n}004");
  EXPECT_EQ(default_topic_pattern(device_kind::switch_), "switch{n}006");
  EXPECT_EQ(default_topic_pattern(device_kind::curtain), "curtain{n}009");
  EXPECT_EQ(default_topic_pattern(device_kind::led), "");
}

TEST(SimTopicPattern, KindNamesRoundTrip) {
  for (const char* name : {"led", "light", "sensor", "switch", "curtain"}) {
    const auto kind = parse_kind(name);
    ASSERT_TRUE(kind.has_value()) << name;
    EXPECT_EQ(to_string(*kind), name);
  }
  EXPECT_FALSE(parse_kind("fan").has_value());
  EXPECT_EQ(make_model(device_kind::led, 1, 1000), nullptr);
  EXPECT_NE(make_model(device_kind::curtain, 1, 1000), nullptr);
}

TEST(SimTopicPattern, ChecksTheNamesOfTheWholeFleet) {
  EXPECT_EQ(check_topic_pattern("light{n}002", 100000), std::nullopt);
  EXPECT_NE(check_topic_pattern("light/{n}002", 1), std::nullopt);
  EXPECT_NE(check_topic_pattern("light {n}", 1), std::nullopt);
  EXPECT_NE(check_topic_pattern("", 1), std::nullopt);
  // 60 characters plus the number: fine for device 1 to 9999, too long at 100000.
  const std::string long_pattern = std::string(60, 'a') + "{n}";
  EXPECT_EQ(check_topic_pattern(long_pattern, 9999), std::nullopt);
  const auto why = check_topic_pattern(long_pattern, 100000);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("device 100000"), std::string::npos) << *why;
}

TEST(SimTopicPattern, TopicNames) {
  EXPECT_TRUE(valid_topic_name("led_002-a"));
  EXPECT_TRUE(valid_topic_name(std::string(64, 'x')));
  EXPECT_FALSE(valid_topic_name(std::string(65, 'x')));
  EXPECT_FALSE(valid_topic_name("a/up"));
  EXPECT_FALSE(valid_topic_name("a#"));
}

}  // namespace
}  // namespace roost::tools::sim
