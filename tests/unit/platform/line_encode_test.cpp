#include <gtest/gtest.h>

#include <string>

#include "roost/platform/line_codec.hpp"

using namespace roost::platform;
using namespace std::chrono;

namespace {

// 2021-06-11 09:20:54 UTC, 17:20:54 in Beijing.
constexpr sys_seconds doc_example{seconds{1623403254}};

std::string time_reply(std::uint8_t type, sys_seconds wall, seconds offset = hours(8)) {
  std::string out;
  EXPECT_TRUE(append_time(out, type, wall, offset));
  return out;
}

}  // namespace

TEST(line_encode, results) {
  std::string out;
  append_result(out, line_cmd::heartbeat, true);
  append_result(out, line_cmd::subscribe, true);
  append_result(out, line_cmd::publish, true);
  append_result(out, line_cmd::publish, false);
  append_result(out, line_cmd::fetch, false);
  EXPECT_EQ(out, "cmd=0&res=1\r\ncmd=1&res=1\r\ncmd=2&res=1\r\ncmd=2&res=0\r\ncmd=9&res=0\r\n");
}

TEST(line_encode, messages) {
  std::string out;
  append_message(out, line_cmd::subscribe_fetch, "U", "led002", "on#50");
  EXPECT_EQ(out, "cmd=3&uid=U&topic=led002&msg=on#50\r\n");
  out.clear();
  append_message(out, line_cmd::fetch, "U", "temp004", "#21#40");
  EXPECT_EQ(out, "cmd=9&uid=U&topic=temp004&msg=#21#40\r\n");
  out.clear();
  append_message(out, line_cmd::publish, "U", "led002", "off");
  EXPECT_EQ(out, "cmd=2&uid=U&topic=led002&msg=off\r\n");
}

TEST(line_encode, empty_and_ampersand_messages_go_out_as_they_are) {
  std::string out;
  append_message(out, line_cmd::fetch, "U", "a", "");
  append_message(out, line_cmd::publish, "U", "a", "x&y=1");
  EXPECT_EQ(out, "cmd=9&uid=U&topic=a&msg=\r\ncmd=2&uid=U&topic=a&msg=x&y=1\r\n");
}

TEST(line_encode, line_breaks_in_a_message_become_spaces) {
  std::string out = "before";
  append_message(out, line_cmd::publish, "U", "a", "l1\r\nl2\n");
  EXPECT_EQ(out, "beforecmd=2&uid=U&topic=a&msg=l1  l2 \r\n");
}

TEST(line_encode, time_in_beijing) {
  EXPECT_EQ(time_reply(1, doc_example), "2021-06-11 17:20:54\r\n");
  EXPECT_EQ(time_reply(2, doc_example), "17:20:54\r\n");
  EXPECT_EQ(time_reply(3, doc_example), "1623403254\r\n") << "Unix seconds have no zone";
}

TEST(line_encode, time_offset_crosses_midnight_and_leap_day) {
  const sys_seconds leap_evening = sys_days{2024y / February / 29} + hours(20) + minutes(5) + seconds(7);
  EXPECT_EQ(time_reply(1, leap_evening), "2024-03-01 04:05:07\r\n");
  EXPECT_EQ(time_reply(1, leap_evening, seconds(0)), "2024-02-29 20:05:07\r\n");
  EXPECT_EQ(time_reply(2, sys_seconds{seconds(30)}, -hours(5)), "19:00:30\r\n");
  EXPECT_EQ(time_reply(1, sys_seconds{seconds(30)}, -hours(5)), "1969-12-31 19:00:30\r\n");
}

TEST(line_encode, unknown_time_type_appends_nothing) {
  std::string out;
  EXPECT_FALSE(append_time(out, 0, doc_example, hours(8)));
  EXPECT_FALSE(append_time(out, 4, doc_example, hours(8)));
  EXPECT_EQ(out, "");
}
