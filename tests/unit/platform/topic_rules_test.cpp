#include "roost/platform/topic_rules.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace roost::platform;

TEST(topic_rules, valid_names_are_letters_digits_underscore_dash_up_to_64) {
  EXPECT_TRUE(valid_topic_name("ledctrl"));
  EXPECT_TRUE(valid_topic_name("Light_002-a"));
  EXPECT_TRUE(valid_topic_name(std::string(64, 'a')));
  EXPECT_FALSE(valid_topic_name(std::string(65, 'a')));
  EXPECT_FALSE(valid_topic_name(""));
  EXPECT_FALSE(valid_topic_name("a/b"));
  EXPECT_FALSE(valid_topic_name("a+"));
  EXPECT_FALSE(valid_topic_name("a b"));
  EXPECT_FALSE(valid_topic_name("température"));
}

TEST(topic_rules, device_type_from_last_three_digits) {
  EXPECT_EQ(device_type_of("ledctrl002"), device_type::light);
  EXPECT_EQ(device_type_of("temp004"), device_type::sensor);
  EXPECT_EQ(device_type_of("plug001"), device_type::outlet);
  EXPECT_EQ(device_type_of("curtain009"), device_type::curtain);
  EXPECT_EQ(device_type_of("purifier013"), device_type::air_purifier);
  EXPECT_EQ(device_type_of("x007"), device_type::none);
  EXPECT_EQ(device_type_of("ledctrl"), device_type::none);
  EXPECT_EQ(device_type_of("02"), device_type::none);
  EXPECT_EQ(to_string(device_type::switch_), "switch");
}

TEST(topic_rules, suffixes_split_off) {
  auto s = split_suffix("ledctrl/set");
  EXPECT_EQ(s.base, "ledctrl");
  EXPECT_EQ(s.suffix, topic_suffix::set);
  EXPECT_EQ(split_suffix("temp004/up").suffix, topic_suffix::up);
  EXPECT_EQ(split_suffix("ledctrl/app").suffix, topic_suffix::app);
  EXPECT_EQ(split_suffix("ledctrl").suffix, topic_suffix::none);
  EXPECT_EQ(split_suffix("/set").suffix, topic_suffix::none) << "no base name";
  EXPECT_EQ(split_suffix("a/other").base, "a/other");
}
