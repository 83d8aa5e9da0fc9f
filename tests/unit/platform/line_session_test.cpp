// Conversations with line_session over the in-memory cloud, written as transcripts: what the
// device sends, then exactly what it gets back.

#include "roost/platform/line_session.hpp"

#include <gtest/gtest.h>

#include <string>

#include "line_fake_cloud.hpp"

using namespace roost;
using namespace roost::platform;
using std::chrono::sys_seconds;

namespace {

constexpr sys_seconds wall{seconds{1623403254}};  // 2021-06-11 17:20:54 in Beijing

class line_session_test : public ::testing::Test {
 protected:
  line_session_test() {
    cloud.attach(a);
    cloud.attach(b);
  }

  // Feeds `text` to `s` and returns (and drains) everything it has to write.
  std::string send(line_session& s, std::string_view text) {
    s.on_bytes(text, now, wall);
    return drain(s);
  }

  static std::string drain(line_session& s) {
    std::string out(s.pending());
    s.consume(out.size());
    return out;
  }

  fakes::fake_line_cloud cloud;
  time_point now{seconds(1000)};
  line_session a{1, cloud, {}, now};
  line_session b{2, cloud, {}, now};
};

}  // namespace

TEST_F(line_session_test, heartbeat_is_answered) {
  EXPECT_EQ(send(a, "cmd=0&msg=keep\r\n"), "cmd=0&res=1\r\n");
  EXPECT_EQ(send(a, "cmd=0&msg=ping\n"), "cmd=0&res=1\r\n");
}

TEST_F(line_session_test, nothing_before_the_line_ends) {
  EXPECT_EQ(send(a, "cmd=0&msg=ke"), "");
  EXPECT_EQ(send(a, "ep\r"), "");
  EXPECT_EQ(send(a, "\n"), "cmd=0&res=1\r\n");
}

TEST_F(line_session_test, subscribe_then_receive_pushes) {
  EXPECT_EQ(send(a, "cmd=1&uid=U&topic=led002,fan003\r\n"), "cmd=1&res=1\r\n");
  EXPECT_EQ(send(b, "cmd=2&uid=U&topic=led002&msg=on#50\r\n"), "cmd=2&res=1\r\n");
  EXPECT_EQ(drain(a), "cmd=2&uid=U&topic=led002&msg=on#50\r\n");
  EXPECT_EQ(send(b, "cmd=2&uid=U&topic=fan003&msg=off\r\n"), "cmd=2&res=1\r\n");
  EXPECT_EQ(drain(a), "cmd=2&uid=U&topic=fan003&msg=off\r\n");
}

TEST_F(line_session_test, several_lines_in_one_read_are_answered_in_order) {
  EXPECT_EQ(send(a, "cmd=0\r\ncmd=1&uid=U&topic=a\r\ncmd=2&uid=U&topic=x&msg=1\r\n"),
            "cmd=0&res=1\r\ncmd=1&res=1\r\ncmd=2&res=1\r\n");
}

TEST_F(line_session_test, plain_publish_echoes_to_a_subscribed_publisher) {
  send(a, "cmd=1&uid=U&topic=led002\r\n");
  EXPECT_EQ(send(a, "cmd=2&uid=U&topic=led002&msg=on\r\n"), "cmd=2&uid=U&topic=led002&msg=on\r\ncmd=2&res=1\r\n");
}

TEST_F(line_session_test, set_goes_to_everyone_but_the_publisher) {
  send(a, "cmd=1&uid=U&topic=led002\r\n");
  send(b, "cmd=1&uid=U&topic=led002\r\n");
  EXPECT_EQ(send(a, "cmd=2&uid=U&topic=led002/set&msg=off\r\n"), "cmd=2&res=1\r\n");
  EXPECT_EQ(drain(b), "cmd=2&uid=U&topic=led002&msg=off\r\n");
  ASSERT_EQ(cloud.publishes.size(), 1u);
  EXPECT_EQ(cloud.publishes[0].session, a.id());
  EXPECT_EQ(cloud.publishes[0].topic, "led002/set") << "the suffix reaches the cloud";
  EXPECT_EQ(cloud.publishes[0].msg, "off");
  EXPECT_EQ(*cloud.latest("U", "led002"), "off");
}

TEST_F(line_session_test, up_updates_the_value_and_pushes_nothing) {
  send(b, "cmd=1&uid=U&topic=temp004\r\n");
  EXPECT_EQ(send(a, "cmd=2&uid=U&topic=temp004/up&msg=#21#40\r\n"), "cmd=2&res=1\r\n");
  EXPECT_EQ(drain(b), "");
  ASSERT_EQ(cloud.publishes.size(), 1u);
  EXPECT_EQ(cloud.publishes[0].topic, "temp004/up");
  EXPECT_EQ(send(b, "cmd=9&uid=U&topic=temp004\r\n"), "cmd=9&uid=U&topic=temp004&msg=#21#40\r\n");
}

TEST_F(line_session_test, ampersand_in_msg_survives_the_round_trip) {
  send(b, "cmd=1&uid=U&topic=a\r\n");
  send(a, "cmd=2&uid=U&topic=a&msg=x=1&y=2\r\n");
  EXPECT_EQ(drain(b), "cmd=2&uid=U&topic=a&msg=x=1&y=2\r\n");
}

TEST_F(line_session_test, lone_cr_stays_in_the_message_and_is_pushed_as_a_space) {
  send(b, "cmd=1&uid=U&topic=a\r\n");
  EXPECT_EQ(send(a, "cmd=2&uid=U&topic=a&msg=x\ry\r"), "") << "no line end yet";
  EXPECT_EQ(send(a, "\n"), "cmd=2&res=1\r\n");
  ASSERT_EQ(cloud.publishes.size(), 1u);
  EXPECT_EQ(cloud.publishes[0].msg, "x\ry");
  EXPECT_EQ(drain(b), "cmd=2&uid=U&topic=a&msg=x y\r\n");
}

TEST_F(line_session_test, empty_msg_is_published) {
  send(b, "cmd=1&uid=U&topic=a\r\n");
  EXPECT_EQ(send(a, "cmd=2&uid=U&topic=a&msg=\r\n"), "cmd=2&res=1\r\n");
  EXPECT_EQ(drain(b), "cmd=2&uid=U&topic=a&msg=\r\n");
}

TEST_F(line_session_test, subscribe_fetch_replies_with_the_latest_value_only) {
  cloud.values[{"U", "led002"}] = "on#80";
  EXPECT_EQ(send(a, "cmd=3&uid=U&topic=led002\r\n"), "cmd=3&uid=U&topic=led002&msg=on#80\r\n");
  send(b, "cmd=2&uid=U&topic=led002&msg=off\r\n");
  EXPECT_EQ(drain(a), "cmd=2&uid=U&topic=led002&msg=off\r\n") << "cmd=3 also subscribed";
}

TEST_F(line_session_test, fetch_without_a_value_has_an_empty_msg) {
  EXPECT_EQ(send(a, "cmd=9&uid=U&topic=new001\r\n"), "cmd=9&uid=U&topic=new001&msg=\r\n");
  EXPECT_EQ(send(a, "cmd=3&uid=U&topic=new001/app\r\n"), "cmd=3&uid=U&topic=new001/app&msg=\r\n");
}

TEST_F(line_session_test, fetch_does_not_subscribe) {
  send(a, "cmd=9&uid=U&topic=led002\r\n");
  send(b, "cmd=2&uid=U&topic=led002&msg=on\r\n");
  EXPECT_EQ(drain(a), "");
}

TEST_F(line_session_test, fetch_of_several_topics_replies_once_each) {
  cloud.values[{"U", "b"}] = "2";
  EXPECT_EQ(send(a, "cmd=9&uid=U&topic=a,b\r\n"), "cmd=9&uid=U&topic=a&msg=\r\ncmd=9&uid=U&topic=b&msg=2\r\n");
}

TEST_F(line_session_test, time_replies_are_bare_values) {
  EXPECT_EQ(send(a, "cmd=7&uid=U&type=1\r\n"), "2021-06-11 17:20:54\r\n");
  EXPECT_EQ(send(a, "cmd=7&uid=U&type=2\r\n"), "17:20:54\r\n");
  EXPECT_EQ(send(a, "cmd=7&uid=U&type=3\r\n"), "1623403254\r\n");
}

TEST_F(line_session_test, time_offset_is_configurable) {
  line_settings utc;
  utc.utc_offset = seconds(0);
  line_session s{3, cloud, utc, now};
  EXPECT_EQ(send(s, "cmd=7&uid=U&type=1\r\n"), "2021-06-11 09:20:54\r\n");
}

TEST_F(line_session_test, unknown_uid_is_refused_per_command) {
  EXPECT_EQ(send(a, "cmd=1&uid=nobody&topic=a\r\n"), "cmd=1&res=0\r\n");
  EXPECT_EQ(send(a, "cmd=2&uid=nobody&topic=a&msg=x\r\n"), "cmd=2&res=0\r\n");
  EXPECT_EQ(send(a, "cmd=3&uid=nobody&topic=a\r\n"), "cmd=3&res=0\r\n");
  EXPECT_EQ(send(a, "cmd=7&uid=nobody&type=1\r\n"), "cmd=7&res=0\r\n");
  EXPECT_EQ(send(a, "cmd=9&uid=nobody&topic=a\r\n"), "cmd=9&res=0\r\n");
  EXPECT_TRUE(cloud.subscriptions.empty());
  EXPECT_TRUE(cloud.publishes.empty());
  EXPECT_FALSE(a.should_close());
}

TEST_F(line_session_test, malformed_known_commands_get_res_0) {
  EXPECT_EQ(send(a, "cmd=2&topic=a&msg=x\r\n"), "cmd=2&res=0\r\n") << "missing uid";
  EXPECT_EQ(send(a, "cmd=2&uid=U&msg=x\r\n"), "cmd=2&res=0\r\n") << "missing topic";
  EXPECT_EQ(send(a, "cmd=2&uid=U&topic=a\r\n"), "cmd=2&res=0\r\n") << "missing msg";
  EXPECT_EQ(send(a, "cmd=2&uid=U&topic=a b&msg=x\r\n"), "cmd=2&res=0\r\n") << "invalid topic";
  EXPECT_EQ(send(a, "cmd=1&uid=U&topic=a1,a2,a3,a4,a5,a6,a7,a8,a9\r\n"), "cmd=1&res=0\r\n");
  EXPECT_EQ(send(a, "cmd=1&uid=U&topic=a/set\r\n"), "cmd=1&res=0\r\n");
  EXPECT_EQ(send(a, "cmd=7&uid=U&type=9\r\n"), "cmd=7&res=0\r\n");
  EXPECT_TRUE(cloud.publishes.empty());
  EXPECT_TRUE(cloud.subscriptions.empty()) << "a refused list subscribes to none of its names";
}

TEST_F(line_session_test, lines_without_a_known_command_get_no_answer) {
  EXPECT_EQ(send(a, "ping\r\n"), "");
  EXPECT_EQ(send(a, "\r\n"), "");
  EXPECT_EQ(send(a, "cmd=4&uid=U&topic=a\r\n"), "");
  EXPECT_EQ(send(a, "cmd=abc\r\n"), "");
  EXPECT_EQ(send(a, std::string("\x00\xff\x80\r\n", 5)), "");
  EXPECT_FALSE(a.should_close());
  EXPECT_EQ(send(a, "cmd=0\r\n"), "cmd=0&res=1\r\n") << "the session goes on";
}

TEST_F(line_session_test, refused_subscription_gives_res_0) {
  cloud.auto_create = false;
  cloud.existing.insert({"U", "known"});
  EXPECT_EQ(send(a, "cmd=1&uid=U&topic=known\r\n"), "cmd=1&res=1\r\n");
  EXPECT_EQ(send(a, "cmd=1&uid=U&topic=other,known\r\n"), "cmd=1&res=0\r\n");
  EXPECT_EQ(send(a, "cmd=3&uid=U&topic=other\r\n"), "cmd=3&res=0\r\n");
  EXPECT_EQ(send(a, "cmd=2&uid=U&topic=other&msg=x\r\n"), "cmd=2&res=0\r\n");
}

TEST_F(line_session_test, oversized_line_closes_after_earlier_replies) {
  line_settings small;
  small.max_line = 32;
  line_session s{3, cloud, small, now};
  s.on_bytes("cmd=0\r\n" + std::string(33, 'a') + "\r\ncmd=0\r\n", now, wall);
  EXPECT_TRUE(s.should_close());
  EXPECT_EQ(drain(s), "cmd=0&res=1\r\n") << "nothing after the long line is answered";
  EXPECT_EQ(send(s, "cmd=0\r\n"), "");
}

TEST_F(line_session_test, oversized_line_fed_byte_by_byte_closes_too) {
  line_settings small;
  small.max_line = 8;
  line_session s{3, cloud, small, now};
  for (int i = 0; i < 9; ++i) s.on_bytes("a", now, wall);
  EXPECT_FALSE(s.should_close()) << "9 bytes may still end in \"\\r\"";
  s.on_bytes("a", now, wall);
  EXPECT_TRUE(s.should_close());
}

TEST_F(line_session_test, default_line_limit_is_4096) {
  const std::string head = "cmd=2&uid=U&topic=a&msg=";
  EXPECT_EQ(send(a, head + std::string(4096 - head.size(), 'x') + "\r\n"), "cmd=2&res=1\r\n");
  EXPECT_FALSE(a.should_close());
  send(a, head + std::string(4097 - head.size(), 'x') + "\r\n");
  EXPECT_TRUE(a.should_close());
}

TEST_F(line_session_test, keepalive_expires_after_more_than_65_seconds_of_silence) {
  EXPECT_FALSE(a.expired(now + seconds(65)));
  EXPECT_TRUE(a.expired(now + seconds(65) + milliseconds(1)));
  now += seconds(60);
  send(a, "cmd=0\r\n");
  EXPECT_FALSE(a.expired(now + seconds(65)));
  EXPECT_TRUE(a.expired(now + seconds(66)));
}

TEST_F(line_session_test, any_bytes_count_as_a_heartbeat) {
  now += seconds(60);
  send(a, "garbage without a line end");
  EXPECT_FALSE(a.expired(now + seconds(30)));
  now += seconds(60);
  send(a, "ping\r\n");
  EXPECT_FALSE(a.expired(now + seconds(30)));
  EXPECT_TRUE(b.expired(now + seconds(30)));
}

TEST_F(line_session_test, keepalive_is_configurable) {
  line_settings quick;
  quick.keepalive = seconds(10);
  line_session s{3, cloud, quick, now};
  EXPECT_FALSE(s.expired(now + seconds(10)));
  EXPECT_TRUE(s.expired(now + seconds(11)));
}

TEST_F(line_session_test, pushes_are_dropped_while_too_much_is_unsent) {
  line_settings small;
  small.max_pending = 40;
  line_session s{3, cloud, small, now};
  s.deliver("U", "a", "first");  // 34 bytes
  s.deliver("U", "a", "second");
  EXPECT_EQ(s.dropped(), 0u) << "34 < 40: still room";
  s.deliver("U", "a", "third");
  EXPECT_EQ(s.dropped(), 1u);
  EXPECT_EQ(drain(s), "cmd=2&uid=U&topic=a&msg=first\r\ncmd=2&uid=U&topic=a&msg=second\r\n");
  s.deliver("U", "a", "fourth");
  EXPECT_EQ(drain(s), "cmd=2&uid=U&topic=a&msg=fourth\r\n");
}

TEST_F(line_session_test, consume_takes_part_of_the_output) {
  a.on_bytes("cmd=0\r\ncmd=0\r\n", now, wall);
  ASSERT_EQ(a.pending(), "cmd=0&res=1\r\ncmd=0&res=1\r\n");
  a.consume(4);
  EXPECT_EQ(a.pending(), "0&res=1\r\ncmd=0&res=1\r\n");
  a.consume(1000);
  EXPECT_EQ(a.pending(), "");
}

TEST_F(line_session_test, closing_tells_the_cloud_once) {
  send(a, "cmd=1&uid=U&topic=a\r\n");
  a.on_closed();
  a.on_closed();
  EXPECT_EQ(cloud.closed_sessions, (std::vector<line_session_id>{1}));
  EXPECT_TRUE(cloud.subscriptions.empty());
  EXPECT_EQ(send(a, "cmd=0\r\n"), "") << "a closed session ignores input";
}

TEST(line_session, destructor_closes_when_nobody_did) {
  fakes::fake_line_cloud cloud;
  { line_session s{7, cloud, {}, time_point{}}; }
  EXPECT_EQ(cloud.closed_sessions, (std::vector<line_session_id>{7}));
}
