// mqtt_client's in-flight window (client_config::max_inflight): QoS 1/2 messages beyond it wait,
// in publish order, and go out as PUBACK / PUBCOMP free places, also across reconnects.

#include "client_harness.hpp"

namespace roost::sdk::test {
namespace {

client_config with_window(std::size_t max_inflight) {
  client_config c = default_config();
  c.max_inflight = max_inflight;
  return c;
}

std::string payload_of(const sent_frame& f) {
  auto p = f.as_publish();
  return {p.payload.begin(), p.payload.end()};
}

std::vector<std::string> payloads_of(const std::vector<sent_frame>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames) {
    EXPECT_EQ(f.type(), mqtt::packet_type::publish);
    if (f.type() == mqtt::packet_type::publish) out.push_back(payload_of(f));
  }
  return out;
}

TEST(mqtt_client_inflight, the_default_window_is_twenty) {
  EXPECT_EQ(client_config{}.max_inflight, 20u);
  client_harness h;
  h.connect();
  for (int i = 0; i < 25; ++i) ASSERT_TRUE(h.client.publish("t", std::to_string(i), 1));
  EXPECT_EQ(h.drain().size(), 20u);
  EXPECT_EQ(h.client.outbox_size(), 20u);
  EXPECT_EQ(h.client.offline_queue_size(), 5u);
}

TEST(mqtt_client_inflight, publishes_beyond_the_window_wait_as_queued) {
  client_harness h{with_window(3)};
  h.connect();
  std::vector<std::uint16_t> ids;
  for (int i = 0; i < 5; ++i) {
    auto id = h.client.publish("t", std::to_string(i), 1);
    ASSERT_TRUE(id);
    EXPECT_NE(*id, 0);
    ids.push_back(*id);
  }
  EXPECT_EQ(payloads_of(h.drain()), (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(h.client.outbox_size(), 3u);
  EXPECT_EQ(h.client.offline_queue_size(), 2u);
  EXPECT_TRUE(h.drain().empty());  // nothing more until an acknowledgement
}

TEST(mqtt_client_inflight, the_window_refills_on_puback_and_pubcomp) {
  client_harness h{with_window(1)};
  h.connect();
  auto a = h.client.publish("t", "a", 2);
  auto b = h.client.publish("t", "b", 1);
  auto c = h.client.publish("t", "c", 1);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(payloads_of(h.drain()), (std::vector<std::string>{"a"}));
  // PUBREC does not free the place: the QoS 2 flow is not finished.
  h.feed(mqtt::pubrec{*a});
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::pubrel);
  EXPECT_EQ(h.client.outbox_size(), 1u);
  h.feed(mqtt::pubcomp{*a});
  frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].as_publish().packet_id, *b);
  EXPECT_EQ(payload_of(frames[0]), "b");
  h.feed(mqtt::puback{*b});
  frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].as_publish().packet_id, *c);
  h.feed(mqtt::puback{*c});
  EXPECT_EQ(h.client.outbox_size(), 0u);
  EXPECT_EQ(h.client.offline_queue_size(), 0u);
  EXPECT_EQ(h.log.of(event_id::published).size(), 3u);
}

TEST(mqtt_client_inflight, publish_order_is_kept_qos0_included) {
  client_harness h{with_window(2)};
  h.connect();
  auto m0 = h.client.publish("t", "0", 1);
  auto m1 = h.client.publish("t", "1", 2);
  auto m2 = h.client.publish("t", "2", 1);
  auto m3 = h.client.publish("t", "3", 0);  // behind a waiting message: waits too
  auto m4 = h.client.publish("t", "4", 1);
  ASSERT_TRUE(m0 && m1 && m2 && m3 && m4);
  std::vector<std::string> wire = payloads_of(h.drain());
  EXPECT_EQ(wire, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(h.client.offline_queue_size(), 3u);
  h.feed(mqtt::puback{*m0});
  auto more = payloads_of(h.drain());
  EXPECT_EQ(more, (std::vector<std::string>{"2", "3"}));  // "4" would overfill the window
  wire.insert(wire.end(), more.begin(), more.end());
  h.feed(mqtt::pubrec{*m1});
  h.drain();  // the PUBREL
  h.feed(mqtt::pubcomp{*m1});
  more = payloads_of(h.drain());
  wire.insert(wire.end(), more.begin(), more.end());
  EXPECT_EQ(wire, (std::vector<std::string>{"0", "1", "2", "3", "4"}));
}

TEST(mqtt_client_inflight, out_of_order_acknowledgements_still_send_in_order) {
  client_harness h{with_window(2)};
  h.connect();
  std::vector<std::uint16_t> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(*h.client.publish("t", std::to_string(i), 1));
  EXPECT_EQ(payloads_of(h.drain()), (std::vector<std::string>{"0", "1"}));
  h.feed(mqtt::puback{ids[1]});
  EXPECT_EQ(payloads_of(h.drain()), (std::vector<std::string>{"2"}));
  h.feed(mqtt::puback{ids[0]});
  EXPECT_EQ(payloads_of(h.drain()), (std::vector<std::string>{"3"}));
}

TEST(mqtt_client_inflight, subscriptions_are_not_held_by_the_window) {
  client_harness h{with_window(1)};
  h.connect();
  ASSERT_TRUE(h.client.publish("t", "a", 1));
  ASSERT_TRUE(h.client.publish("t", "b", 1));
  h.drain();
  ASSERT_TRUE(h.client.subscribe("s", 1));
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::subscribe);
}

TEST(mqtt_client_inflight, waiting_messages_count_against_the_queue_bound) {
  client_config c = with_window(1);
  c.offline_queue_max = 2;
  client_harness h{c};
  h.connect();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(h.client.publish("t", "m", 1));  // 1 in flight, 2 wait
  auto refused = h.client.publish("t", "m", 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), client_error::queue_full);
  EXPECT_EQ(h.client.publish("t", "m", 0).error(), client_error::queue_full);
  EXPECT_EQ(h.client.outbox_size(), 1u);
  EXPECT_EQ(h.client.offline_queue_size(), 2u);
}

TEST(mqtt_client_inflight, zero_means_no_limit) {
  client_config c = with_window(0);
  c.offline_queue_max = 1000;
  client_harness h{c, 512, 512, 16384};
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(h.client.publish("t", std::to_string(i), 1));
  auto frames = h.connect();
  EXPECT_EQ(frames.size(), 201u);  // the CONNECT, then every message
  EXPECT_EQ(h.client.outbox_size(), 200u);
  EXPECT_EQ(h.client.offline_queue_size(), 0u);
}

TEST(mqtt_client_inflight, reconnect_resends_in_flight_with_dup_then_the_waiting_ones) {
  client_harness h{with_window(2)};
  h.connect();
  std::vector<std::uint16_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(*h.client.publish("t", std::to_string(i), 1));
  h.drain();  // "0" and "1" in flight, "2" waits
  h.close();
  ids.push_back(*h.client.publish("t", "3", 1));  // offline
  EXPECT_EQ(h.client.outbox_size(), 2u);
  EXPECT_EQ(h.client.offline_queue_size(), 2u);

  auto frames = h.reconnect(true);
  ASSERT_EQ(frames.size(), 2u);  // the window is still full
  for (int i = 0; i < 2; ++i) {
    auto p = frames[i].as_publish();
    EXPECT_TRUE(p.dup);
    EXPECT_EQ(p.packet_id, ids[i]);
    EXPECT_EQ(payload_of(frames[i]), std::to_string(i));
  }
  h.feed(mqtt::puback{ids[0]});
  frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_FALSE(frames[0].as_publish().dup);  // first time on the wire
  EXPECT_EQ(payload_of(frames[0]), "2");
  h.feed(mqtt::puback{ids[1]});
  frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_FALSE(frames[0].as_publish().dup);
  EXPECT_EQ(payload_of(frames[0]), "3");
  h.feed(mqtt::puback{ids[2]});
  h.feed(mqtt::puback{ids[3]});
  EXPECT_EQ(h.client.outbox_size(), 0u);
  EXPECT_EQ(h.client.offline_queue_size(), 0u);
}

}  // namespace
}  // namespace roost::sdk::test
