// Limits and robustness: packet size, malformed input, shutdown.

#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;

namespace {

using limits_test = engine_fixture;

TEST_F(limits_test, oversized_packet_closes_before_payload_arrives) {
  broker::settings s;
  s.max_packet_size = 1024;
  restart(s);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  // Only the fixed header of a 1 MiB PUBLISH: the size alone is enough to refuse it.
  a.send_raw({0x30, 0x80, 0x80, 0x40});
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(limits_test, packet_at_the_limit_is_accepted) {
  broker::settings s;
  s.max_packet_size = 64;
  restart(s);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"t", 0}});
  a.expect_suback();
  // 2 (fixed header) + 3 (topic) + 59 payload = 64 bytes.
  a.publish("t", std::string(59, 'x'));
  EXPECT_EQ(a.expect_publish().payload.size(), 59u);
  EXPECT_FALSE(a.close_requested);
}

TEST_F(limits_test, malformed_input_closes_only_that_connection) {
  scripted_peer good{*e, clock};
  good.connect_ok(connect_packet("good"));
  good.subscribe(1, {{"t", 0}});
  good.expect_suback();
  const std::vector<mqtt::bytes> garbage = {
      {0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01},  // 5-byte remaining length
      {0x20, 0x02, 0x00, 0x00},              // CONNACK from a client
      {0x90, 0x03, 0x00, 0x01, 0x00},        // SUBACK from a client
      {0x82, 0x05, 0x00, 0x01, 0x00, 0x01, 'a'},  // SUBSCRIBE with no QoS byte
      {0x62, 0x03, 0x00, 0x01, 0x00},        // PUBREL with a trailing byte
      {0x32, 0x04, 0x00, 0x01, 0xC0, 0x00},  // PUBLISH topic with an invalid UTF-8 byte
      {0xF0, 0x00},                          // AUTH under 3.1.1
  };
  for (const auto& g : garbage) {
    scripted_peer bad{*e, clock};
    bad.connect_ok(connect_packet("bad"));
    bad.send_raw(g);
    EXPECT_TRUE(bad.closed_by_server());
  }
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  p.publish("t", "still fine");
  EXPECT_EQ(good.expect_publish().payload, "still fine");
}

TEST_F(limits_test, close_all_asks_every_connection_to_close) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  scripted_peer b{*e, clock};
  EXPECT_EQ(e->close_all(), 2u);
  EXPECT_TRUE(a.closed_by_server());
  EXPECT_TRUE(b.closed_by_server());
  a.drop();
  b.drop();
  EXPECT_EQ(e->snapshot().clients_connected, 0u);
}

TEST_F(limits_test, slow_consumer_queue_overflow_is_counted) {
  broker::settings s;
  s.max_queued_messages = 1;  // applies to offline clients only
  s.max_queued_bytes = 10;    // "t" + "x" = 2 bytes a message
  restart(s);
  scripted_peer slow{*e, clock};
  slow.connect_ok(connect_packet("slow"));
  slow.subscribe(1, {{"t", 0}});
  slow.expect_suback();
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  for (int i = 0; i < 12; ++i) p.publish("t", "x");  // `slow` pulls nothing meanwhile
  EXPECT_EQ(e->snapshot().messages_dropped, 7u);
  EXPECT_EQ(slow.pending(), 5u);
}

}  // namespace
