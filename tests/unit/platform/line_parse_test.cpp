#include <gtest/gtest.h>

#include <string>

#include "roost/platform/line_codec.hpp"

using namespace roost::platform;

namespace {

line_command parsed(std::string_view line) {
  auto r = parse_line(line);
  EXPECT_TRUE(r.has_value()) << "refused: " << line << " (" << (r ? "" : to_string(r.error().fault)) << ")";
  return r ? *r : line_command{};
}

line_error refused(std::string_view line) {
  auto r = parse_line(line);
  EXPECT_FALSE(r.has_value()) << "accepted: " << line;
  return r ? line_error{line_fault::missing_cmd, std::nullopt} : r.error();
}

void expect_refused(std::string_view line, line_fault fault, std::optional<line_cmd> cmd) {
  const line_error e = refused(line);
  EXPECT_EQ(e.fault, fault) << line << ": " << to_string(e.fault);
  EXPECT_EQ(e.cmd, cmd) << line;
}

}  // namespace

TEST(line_parse, heartbeat_needs_nothing_but_cmd) {
  EXPECT_EQ(parsed("cmd=0&msg=keep").cmd, line_cmd::heartbeat);
  EXPECT_EQ(parsed("cmd=0").cmd, line_cmd::heartbeat);
  EXPECT_EQ(parsed("cmd=0&msg=ping&msg=ping&junk").cmd, line_cmd::heartbeat) << "a heartbeat is never refused";
}

TEST(line_parse, subscribe_takes_a_list) {
  const auto c = parsed("cmd=1&uid=4d9ec352e0376f2110a0c601a2857225&topic=led002,temp004");
  EXPECT_EQ(c.cmd, line_cmd::subscribe);
  EXPECT_EQ(c.uid, "4d9ec352e0376f2110a0c601a2857225");
  ASSERT_EQ(c.topics().size(), 2u);
  EXPECT_EQ(c.topics()[0], "led002");
  EXPECT_EQ(c.topics()[1], "temp004");
}

TEST(line_parse, eight_topics_are_fine_nine_are_too_many) {
  EXPECT_EQ(parsed("cmd=1&uid=U&topic=a1,a2,a3,a4,a5,a6,a7,a8").topics().size(), 8u);
  expect_refused("cmd=1&uid=U&topic=a1,a2,a3,a4,a5,a6,a7,a8,a9", line_fault::too_many_topics, line_cmd::subscribe);
}

TEST(line_parse, empty_list_items_are_skipped) {
  const auto c = parsed("cmd=1&uid=U&topic=a,,b,");
  ASSERT_EQ(c.topics().size(), 2u);
  EXPECT_EQ(c.topics()[1], "b");
  expect_refused("cmd=1&uid=U&topic=,", line_fault::missing_topic, line_cmd::subscribe);
}

TEST(line_parse, publish_keeps_an_ampersand_inside_msg) {
  const auto c = parsed("cmd=2&uid=U&topic=led002&msg=on#50&b=c&topic=x");
  EXPECT_EQ(c.cmd, line_cmd::publish);
  ASSERT_EQ(c.topics().size(), 1u);
  EXPECT_EQ(c.topics()[0], "led002");
  EXPECT_TRUE(c.has_msg);
  EXPECT_EQ(c.msg, "on#50&b=c&topic=x") << "topic was already given, so '&topic=' is message text";
}

TEST(line_parse, msg_before_the_topic_ends_at_the_topic) {
  const auto c = parsed("cmd=2&uid=U&msg=a&b&topic=t1");
  EXPECT_EQ(c.msg, "a&b");
  EXPECT_EQ(c.topics()[0], "t1");
  const auto first = parsed("msg=hi&cmd=2&uid=U&topic=t1");
  EXPECT_EQ(first.msg, "hi");
  EXPECT_EQ(first.uid, "U");
}

TEST(line_parse, type_ends_msg_only_while_no_topic_was_given) {
  EXPECT_EQ(parsed("cmd=2&uid=U&topic=a&msg=x&type=1").msg, "x&type=1");
  const auto c = parsed("cmd=7&uid=U&msg=x&type=2");
  EXPECT_EQ(c.msg, "x");
  EXPECT_EQ(c.time_type, 2);
}

TEST(line_parse, msg_may_be_empty_but_not_missing_on_publish) {
  const auto c = parsed("cmd=2&uid=U&topic=t1&msg=");
  EXPECT_TRUE(c.has_msg);
  EXPECT_EQ(c.msg, "");
  expect_refused("cmd=2&uid=U&topic=t1", line_fault::missing_msg, line_cmd::publish);
}

TEST(line_parse, publish_takes_set_and_up_but_one_topic) {
  EXPECT_EQ(parsed("cmd=2&uid=U&topic=led002/set&msg=on").topics()[0], "led002/set");
  EXPECT_EQ(parsed("cmd=2&uid=U&topic=temp004/up&msg=#21#40").topics()[0], "temp004/up");
  expect_refused("cmd=2&uid=U&topic=a/app&msg=on", line_fault::invalid_topic, line_cmd::publish);
  expect_refused("cmd=2&uid=U&topic=a,b&msg=on", line_fault::too_many_topics, line_cmd::publish);
}

TEST(line_parse, subscribe_takes_app_but_not_set_or_up) {
  EXPECT_EQ(parsed("cmd=1&uid=U&topic=led002/app").topics()[0], "led002/app");
  EXPECT_EQ(parsed("cmd=3&uid=U&topic=led002/app").topics()[0], "led002/app");
  expect_refused("cmd=1&uid=U&topic=led002/set", line_fault::invalid_topic, line_cmd::subscribe);
  expect_refused("cmd=3&uid=U&topic=led002/up", line_fault::invalid_topic, line_cmd::subscribe_fetch);
  expect_refused("cmd=9&uid=U&topic=led002/app", line_fault::invalid_topic, line_cmd::fetch);
}

TEST(line_parse, invalid_topic_characters) {
  expect_refused("cmd=1&uid=U&topic=a b", line_fault::invalid_topic, line_cmd::subscribe);
  expect_refused("cmd=1&uid=U&topic=a/b", line_fault::invalid_topic, line_cmd::subscribe);
  expect_refused("cmd=1&uid=U&topic=a+", line_fault::invalid_topic, line_cmd::subscribe);
  expect_refused("cmd=2&uid=U&topic=/set&msg=x", line_fault::invalid_topic, line_cmd::publish);
  expect_refused("cmd=9&uid=U&topic=" + std::string(65, 'a'), line_fault::invalid_topic, line_cmd::fetch);
  expect_refused(std::string("cmd=9&uid=U&topic=a\xff", 21), line_fault::invalid_topic, line_cmd::fetch);
}

TEST(line_parse, fetch_commands) {
  const auto three = parsed("cmd=3&uid=U&topic=led002");
  EXPECT_EQ(three.cmd, line_cmd::subscribe_fetch);
  EXPECT_EQ(three.topics()[0], "led002");
  const auto nine = parsed("cmd=9&uid=U&topic=led002,fan003");
  EXPECT_EQ(nine.cmd, line_cmd::fetch);
  EXPECT_EQ(nine.topics().size(), 2u);
}

TEST(line_parse, time_types) {
  EXPECT_EQ(parsed("cmd=7&uid=U&type=1").time_type, 1);
  EXPECT_EQ(parsed("cmd=7&uid=U&type=2").time_type, 2);
  EXPECT_EQ(parsed("cmd=7&uid=U&type=3").time_type, 3);
  expect_refused("cmd=7&uid=U", line_fault::bad_time_type, line_cmd::time);
  expect_refused("cmd=7&uid=U&type=4", line_fault::bad_time_type, line_cmd::time);
  expect_refused("cmd=7&uid=U&type=11", line_fault::bad_time_type, line_cmd::time);
}

TEST(line_parse, uid_is_required_and_non_empty) {
  expect_refused("cmd=1&topic=a", line_fault::missing_uid, line_cmd::subscribe);
  expect_refused("cmd=2&uid=&topic=a&msg=x", line_fault::missing_uid, line_cmd::publish);
  expect_refused("cmd=7&type=1", line_fault::missing_uid, line_cmd::time);
}

TEST(line_parse, topic_is_required) {
  expect_refused("cmd=1&uid=U", line_fault::missing_topic, line_cmd::subscribe);
  expect_refused("cmd=2&uid=U&msg=x", line_fault::missing_topic, line_cmd::publish);
  expect_refused("cmd=9&uid=U&topic=", line_fault::missing_topic, line_cmd::fetch);
}

TEST(line_parse, command_number) {
  expect_refused("ping", line_fault::missing_cmd, std::nullopt);
  expect_refused("", line_fault::missing_cmd, std::nullopt);
  expect_refused("cmd=&uid=U", line_fault::bad_cmd, std::nullopt);
  expect_refused("cmd=x1&uid=U", line_fault::bad_cmd, std::nullopt);
  expect_refused("cmd= 1&uid=U&topic=a", line_fault::bad_cmd, std::nullopt);
  expect_refused("cmd=4&uid=U&topic=a", line_fault::unknown_cmd, std::nullopt);
  expect_refused("cmd=99999999999999999999&uid=U", line_fault::unknown_cmd, std::nullopt);
  EXPECT_EQ(parsed("cmd=001&uid=U&topic=a").cmd, line_cmd::subscribe);
}

TEST(line_parse, duplicate_keys_are_refused) {
  expect_refused("cmd=1&uid=U&uid=V&topic=a", line_fault::duplicate_key, line_cmd::subscribe);
  expect_refused("cmd=1&cmd=2&uid=U&topic=a", line_fault::duplicate_key, line_cmd::subscribe);
}

TEST(line_parse, unknown_keys_and_bare_words_are_ignored) {
  const auto c = parsed("cmd=1&from=esp&uid=U&&junk&topic=a");
  EXPECT_EQ(c.uid, "U");
  EXPECT_EQ(c.topics()[0], "a");
}

TEST(line_parse, binary_bytes_in_msg_are_kept) {
  const std::string line = std::string("cmd=2&uid=U&topic=a&msg=") + std::string("\x00\x01\xfe\r", 4);
  const auto c = parsed(line);
  EXPECT_EQ(c.msg, std::string("\x00\x01\xfe\r", 4));
}
