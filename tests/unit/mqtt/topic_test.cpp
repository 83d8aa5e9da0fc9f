// Topic names, filters and matching: the examples and rules of MQTT 3.1.1 section 4.7.

#include <string>

#include "codec_support.hpp"
#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {
namespace {

struct match_case {
  const char* filter;
  const char* topic;
  bool matches;
  const char* why;
};

void expect_matches(std::initializer_list<match_case> cases) {
  for (const match_case& c : cases) {
    ASSERT_TRUE(valid_topic_filter(c.filter)) << c.filter;
    ASSERT_TRUE(valid_topic_name(c.topic)) << c.topic;
    EXPECT_EQ(topic_matches(c.filter, c.topic), c.matches)
        << "filter '" << c.filter << "' topic '" << c.topic << "': " << c.why;
  }
}

TEST(topic_matches, multi_level_wildcard_MQTT_4_7_1_2) {
  expect_matches({
      {"sport/tennis/player1/#", "sport/tennis/player1", true, "'#' includes the parent"},
      {"sport/tennis/player1/#", "sport/tennis/player1/ranking", true, "one level below"},
      {"sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true, "two below"},
      {"sport/#", "sport", true, "'#' includes the parent level"},
      {"sport/#", "sport/", true, "an empty child level"},
      {"sport/#", "sports", false, "a different level"},
      {"#", "a/b/c", true, "everything"},
      {"#", "/", true, "even two empty levels"},
  });
}

TEST(topic_matches, single_level_wildcard_MQTT_4_7_1_3) {
  expect_matches({
      {"sport/tennis/+", "sport/tennis/player1", true, "one level"},
      {"sport/tennis/+", "sport/tennis/player2", true, "one level"},
      {"sport/tennis/+", "sport/tennis/player1/ranking", false, "'+' is exactly one level"},
      {"sport/+", "sport", false, "'+' does not match no level"},
      {"sport/+", "sport/", true, "'+' matches an empty level"},
      {"+", "a", true, "one level"},
      {"+", "/finance", false, "'/finance' has two levels"},
      {"+/+", "/finance", true, "'' and 'finance'"},
      {"/+", "/finance", true, "'' then '+'"},
      {"+/tennis/#", "sport/tennis/player1", true, "'+' then '#'"},
      {"+/+/+", "a//c", true, "the middle level is empty"},
  });
}

TEST(topic_matches, empty_levels_are_levels_MQTT_4_7_3_1) {
  expect_matches({
      {"a//b", "a//b", true, "same three levels"},
      {"a/b", "a//b", false, "two levels against three"},
      {"/", "/", true, "two empty levels"},
      {"a/", "a", false, "'a/' has two levels"},
      {"a", "a/", false, "'a/' has two levels"},
  });
}

TEST(topic_matches, wildcards_first_skip_dollar_topics_MQTT_4_7_2_1) {
  expect_matches({
      {"#", "$SYS/x", false, "'#' does not match a '$' topic"},
      {"+/monitor/Clients", "$SYS/monitor/Clients", false, "nor does '+'"},
      {"$SYS/#", "$SYS/x", true, "a '$' filter does"},
      {"$SYS/monitor/+", "$SYS/monitor/Clients", true, "a wildcard after '$SYS'"},
      {"+", "$", false, "even a bare '$'"},
      {"#", "a/$SYS", true, "'$' matters only at the start"},
  });
}

TEST(topic_matches, literal_levels_are_case_sensitive_MQTT_4_7_3_4) {
  expect_matches({
      {"ACCOUNTS", "Accounts", false, "case differs"},
      {"Accounts payable", "Accounts payable", true, "spaces are characters"},
      {"a/b", "a/b", true, "same"},
      {"a/b", "a/b/c", false, "longer topic"},
      {"a/b/c", "a/b", false, "shorter topic"},
  });
}

TEST(valid_topic_name, refuses_wildcards_MQTT_4_7_1_1) {
  EXPECT_TRUE(valid_topic_name("a/b"));
  EXPECT_TRUE(valid_topic_name("/"));
  EXPECT_TRUE(valid_topic_name("$SYS/broker"));
  EXPECT_FALSE(valid_topic_name("a/+"));
  EXPECT_FALSE(valid_topic_name("a/#"));
  EXPECT_FALSE(valid_topic_name("a+b"));
  EXPECT_FALSE(valid_topic_name("#"));
}

TEST(valid_topic_name, refuses_empty_MQTT_4_7_3_1) { EXPECT_FALSE(valid_topic_name("")); }

TEST(valid_topic_name, refuses_null_character_MQTT_4_7_3_2) {
  EXPECT_FALSE(valid_topic_name(std::string_view{"a\0b", 3}));
}

TEST(valid_topic_name, refuses_more_than_65535_bytes_MQTT_4_7_3_3) {
  EXPECT_TRUE(valid_topic_name(std::string(65'535, 'a')));
  EXPECT_FALSE(valid_topic_name(std::string(65'536, 'a')));
  EXPECT_TRUE(valid_topic_filter(std::string(65'535, 'a')));
  EXPECT_FALSE(valid_topic_filter(std::string(65'536, 'a')));
}

TEST(valid_topic_filter, places_multi_level_wildcard_last_MQTT_4_7_1_2) {
  EXPECT_TRUE(valid_topic_filter("#"));
  EXPECT_TRUE(valid_topic_filter("a/#"));
  EXPECT_TRUE(valid_topic_filter("/#"));
  EXPECT_FALSE(valid_topic_filter("a/#/b"));
  EXPECT_FALSE(valid_topic_filter("#/"));
  EXPECT_FALSE(valid_topic_filter("a#"));
  EXPECT_FALSE(valid_topic_filter("a/b#"));
  EXPECT_FALSE(valid_topic_filter("##"));
}

TEST(valid_topic_filter, places_single_level_wildcard_alone_MQTT_4_7_1_3) {
  EXPECT_TRUE(valid_topic_filter("+"));
  EXPECT_TRUE(valid_topic_filter("+/tennis/#"));
  EXPECT_TRUE(valid_topic_filter("sport/+/player1"));
  EXPECT_TRUE(valid_topic_filter("+/+"));
  EXPECT_TRUE(valid_topic_filter("/+"));
  EXPECT_TRUE(valid_topic_filter("+/"));
  EXPECT_FALSE(valid_topic_filter("sport+"));
  EXPECT_FALSE(valid_topic_filter("sport/+a"));
  EXPECT_FALSE(valid_topic_filter("++"));
  EXPECT_FALSE(valid_topic_filter("+#"));
}

TEST(valid_topic_filter, refuses_empty_and_ill_formed_MQTT_4_7_3_1) {
  EXPECT_FALSE(valid_topic_filter(""));
  EXPECT_FALSE(valid_topic_filter("\xff"));
  EXPECT_TRUE(valid_topic_filter("/"));
  EXPECT_TRUE(valid_topic_filter("//"));
}

TEST(topic_levels, counts_empty_levels) {
  EXPECT_EQ(topic_levels("a"), 1u);
  EXPECT_EQ(topic_levels("a/b/c"), 3u);
  EXPECT_EQ(topic_levels("a/"), 2u);
  EXPECT_EQ(topic_levels("/"), 2u);
  EXPECT_EQ(topic_levels("/finance"), 2u);
  EXPECT_EQ(topic_levels("//"), 3u);
}

}  // namespace
}  // namespace roost::mqtt
