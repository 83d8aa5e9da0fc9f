// mqtt_client: PINGREQ after keep_alive seconds of silence, timeout without PINGRESP.

#include "client_harness.hpp"

namespace roost::sdk::test {
namespace {

TEST(mqtt_client_keepalive, pings_after_keep_alive_of_silence) {
  client_harness h;  // keep_alive 30 s
  h.connect();
  EXPECT_EQ(h.client.next_deadline(), h.now + 30000);
  h.client.on_tick(h.now + 29999);
  EXPECT_TRUE(h.drain().empty());
  h.client.on_tick(h.now + 30000);
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::pingreq);
}

TEST(mqtt_client_keepalive, sending_postpones_the_ping) {
  client_harness h;
  h.connect();
  h.now += 20000;
  h.client.on_tick(h.now);
  h.client.publish("t", "x");
  h.drain();
  EXPECT_EQ(h.client.next_deadline(), h.now + 30000);
}

TEST(mqtt_client_keepalive, pingresp_keeps_the_connection) {
  client_harness h;
  h.connect();
  h.now += 30000;
  h.client.on_tick(h.now);
  h.drain();
  h.feed(mqtt::pingresp{});
  h.now += 30000;
  h.client.on_tick(h.now);
  EXPECT_FALSE(h.client.wants_close());
  EXPECT_EQ(h.drain().at(0).type(), mqtt::packet_type::pingreq);
}

TEST(mqtt_client_keepalive, no_pingresp_closes_with_timeout) {
  client_harness h;
  h.connect();
  h.now += 30000;
  h.client.on_tick(h.now);
  h.drain();
  h.client.on_tick(h.now + 29999);
  EXPECT_FALSE(h.client.wants_close());
  h.client.on_tick(h.now + 30000);
  EXPECT_TRUE(h.client.wants_close());
  EXPECT_EQ(h.log.of(event_id::error).at(0).error, client_error::timeout);
  h.now += 30000;
  h.close();
  EXPECT_EQ(h.log.of(event_id::disconnected).at(0).error, client_error::timeout);
}

TEST(mqtt_client_keepalive, zero_turns_it_off) {
  client_config c = default_config();
  c.keep_alive_s = 0;
  client_harness h{c};
  h.connect();
  EXPECT_EQ(h.client.next_deadline(), ~millis{0});
}

}  // namespace
}  // namespace roost::sdk::test
