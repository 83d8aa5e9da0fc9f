// line_client: the lines it writes, the server lines it reads, heartbeat, queue and reconnect.

#include "roost/sdk/line_client.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "line_reply.hpp"

namespace roost::sdk::test {
namespace {

struct line_log final : line_handler {
  struct entry {
    line_event_id id;
    client_error error;
    std::uint8_t cmd;
    bool ok;
    std::string topic, msg, text;
  };
  void on_event(line_client&, const line_event& e) override {
    events.push_back({e.id, e.error, e.cmd, e.ok, std::string{e.topic}, std::string{e.msg},
                      std::string{e.text}});
  }
  std::vector<entry> of(line_event_id id) const {
    std::vector<entry> out;
    for (const auto& e : events) {
      if (e.id == id) out.push_back(e);
    }
    return out;
  }
  std::vector<entry> events;
};

line_config default_line_config() {
  line_config c;
  c.uid = "KEY";
  c.heartbeat_ms = 30000;
  c.reply_timeout_ms = 10000;
  c.offline_queue_max = 3;
  c.jitter_seed = 7;
  return c;
}

struct line_harness {
  explicit line_harness(line_config c = default_line_config(), std::size_t rx = 256)
      : cfg(c), mem(256, rx, 1024), client(cfg, mem.view(), log) {}

  std::string drain() {
    std::string s;
    while (!client.output().empty()) {
      auto out = client.output();
      s.append(reinterpret_cast<const char*>(out.data()), out.size());
      client.on_sent(out.size());
    }
    return s;
  }
  void feed(std::string_view s) {
    client.on_received({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}, now);
  }
  std::string open() {
    client.start(now);
    client.on_tick(now);
    EXPECT_TRUE(client.wants_open());
    client.on_open(now);
    return drain();
  }

  line_config cfg;
  heap_memory mem;
  line_log log;
  line_client client;
  millis now = 1000;
};

TEST(line_client, subscriptions_go_out_when_the_stream_opens) {
  line_harness h;
  ASSERT_TRUE(h.client.subscribe("led002"));
  ASSERT_TRUE(h.client.subscribe("temp004,light002", true));
  EXPECT_EQ(h.open(), "cmd=1&uid=KEY&topic=led002\r\ncmd=3&uid=KEY&topic=temp004,light002\r\n");
  EXPECT_TRUE(h.client.connected());
  EXPECT_EQ(h.log.of(line_event_id::connected).size(), 1u);
}

TEST(line_client, publish_fetch_and_time_lines) {
  line_harness h;
  h.open();
  ASSERT_TRUE(h.client.publish("led002", "on#50&x=1"));
  ASSERT_TRUE(h.client.fetch("led002"));
  ASSERT_TRUE(h.client.request_time(1));
  EXPECT_EQ(h.drain(),
            "cmd=2&uid=KEY&topic=led002&msg=on#50&x=1\r\n"
            "cmd=9&uid=KEY&topic=led002\r\n"
            "cmd=7&uid=KEY&type=1\r\n");
}

TEST(line_client, refuses_line_breaks_and_bad_arguments) {
  line_harness h;
  h.open();
  EXPECT_EQ(h.client.publish("led002", "a\nb").error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.publish("led002", "a\rb").error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.publish("a&b", "x").error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.publish("a,b", "x").error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.request_time(4).error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.subscribe("").error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.publish("t", std::string(300, 'x')).error(), client_error::too_large);
}

TEST(line_client, reads_results_pushes_with_ampersands_and_time) {
  line_harness h;
  h.open();
  h.feed("cmd=1&res=1\r\ncmd=2&res=0\r\ncmd=2&uid=KEY&topic=led002&msg=a&b=c&cmd=9\r\n");
  h.feed("cmd=3&uid=KEY&topic=t&msg=\r\n2021-06-11 17:20:54\r\n17:20:54\n1623403254\r\n");
  auto results = h.log.of(line_event_id::result);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].cmd, 1);
  EXPECT_TRUE(results[0].ok);
  EXPECT_EQ(results[1].cmd, 2);
  EXPECT_FALSE(results[1].ok);
  auto messages = h.log.of(line_event_id::message);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].cmd, 2);
  EXPECT_EQ(messages[0].topic, "led002");
  EXPECT_EQ(messages[0].msg, "a&b=c&cmd=9");
  EXPECT_EQ(messages[1].cmd, 3);
  EXPECT_EQ(messages[1].msg, "");
  auto times = h.log.of(line_event_id::time);
  ASSERT_EQ(times.size(), 3u);
  EXPECT_EQ(times[0].text, "2021-06-11 17:20:54");
  EXPECT_EQ(times[1].text, "17:20:54");
  EXPECT_EQ(times[2].text, "1623403254");
}

TEST(line_client, a_line_split_across_reads_is_assembled) {
  line_harness h;
  h.open();
  for (char c : std::string_view{"cmd=2&uid=K&topic=t&msg=hello\r\n"}) h.feed({&c, 1});
  ASSERT_EQ(h.log.of(line_event_id::message).size(), 1u);
  EXPECT_EQ(h.log.of(line_event_id::message)[0].msg, "hello");
}

TEST(line_client, a_line_longer_than_rx_closes) {
  line_harness h{default_line_config(), 32};
  h.open();
  h.feed(std::string(40, 'x'));
  EXPECT_EQ(h.log.of(line_event_id::error).at(0).error, client_error::too_large);
  EXPECT_TRUE(h.client.wants_close());
}

TEST(line_client, heartbeat_and_reply_timeout) {
  line_harness h;
  h.open();
  EXPECT_EQ(h.client.next_deadline(), h.now + 30000);
  h.now += 30000;
  h.client.on_tick(h.now);
  EXPECT_EQ(h.drain(), "cmd=0&msg=ping\r\n");
  h.feed("cmd=0&res=1\r\n");
  h.now += 30000;
  h.client.on_tick(h.now);
  EXPECT_EQ(h.drain(), "cmd=0&msg=ping\r\n");
  h.client.on_tick(h.now + 9999);
  EXPECT_FALSE(h.client.wants_close());
  h.client.on_tick(h.now + 10000);
  EXPECT_TRUE(h.client.wants_close());
  EXPECT_EQ(h.log.of(line_event_id::error).at(0).error, client_error::timeout);
}

TEST(line_client, offline_queue_is_bounded_and_flushed_after_reconnect) {
  line_harness h;
  ASSERT_TRUE(h.client.subscribe("led002"));
  h.open();
  h.client.on_closed(h.now);
  EXPECT_EQ(h.log.of(line_event_id::disconnected).at(0).error, client_error::closed);
  EXPECT_FALSE(h.client.connected());
  ASSERT_TRUE(h.client.publish("led002", "1"));
  ASSERT_TRUE(h.client.publish("led002", "2"));
  ASSERT_TRUE(h.client.publish("led002", "3"));
  EXPECT_EQ(h.client.publish("led002", "4").error(), client_error::queue_full);
  h.now = h.client.next_deadline();
  EXPECT_LE(h.now, 1000u + 1000u);
  h.client.on_tick(h.now);
  ASSERT_TRUE(h.client.wants_open());
  h.client.on_open(h.now);
  EXPECT_EQ(h.drain(),
            "cmd=1&uid=KEY&topic=led002\r\n"
            "cmd=2&uid=KEY&topic=led002&msg=1\r\n"
            "cmd=2&uid=KEY&topic=led002&msg=2\r\n"
            "cmd=2&uid=KEY&topic=led002&msg=3\r\n");
  EXPECT_EQ(h.client.reconnects(), 1u);
}

TEST(line_client, stop_closes_after_output_and_stays_down) {
  line_harness h;
  h.open();
  h.client.publish("t", "bye");
  h.client.stop(h.now);
  EXPECT_FALSE(h.client.wants_close());
  h.drain();
  EXPECT_TRUE(h.client.wants_close());
  h.client.on_closed(h.now);
  EXPECT_EQ(h.log.of(line_event_id::disconnected).at(0).error, client_error::none);
  h.client.on_tick(h.now + 1'000'000);
  EXPECT_FALSE(h.client.wants_open());
}

TEST(line_reply, parses_each_kind) {
  using detail::line_reply_kind;
  auto r = detail::parse_line_reply("cmd=0&res=1");
  EXPECT_EQ(r.kind, line_reply_kind::result);
  EXPECT_EQ(r.cmd, 0);
  EXPECT_TRUE(r.ok);
  r = detail::parse_line_reply("cmd=9&uid=U&topic=a&msg=x=1&y");
  EXPECT_EQ(r.kind, line_reply_kind::message);
  EXPECT_EQ(r.cmd, 9);
  EXPECT_EQ(r.topic, "a");
  EXPECT_EQ(r.msg, "x=1&y");
  EXPECT_EQ(detail::parse_line_reply("cmd=x&res=1").kind, line_reply_kind::unknown);
  EXPECT_EQ(detail::parse_line_reply("cmd=2").kind, line_reply_kind::unknown);
  EXPECT_EQ(detail::parse_line_reply("").kind, line_reply_kind::unknown);
  r = detail::parse_line_reply("17:20:54");
  EXPECT_EQ(r.kind, line_reply_kind::time);
  EXPECT_EQ(r.text, "17:20:54");
}

}  // namespace
}  // namespace roost::sdk::test
