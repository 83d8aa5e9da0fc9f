// mqtt_client across reconnects: outbox re-sent with DUP, PUBREL re-sent, resubscribe, the offline
// queue and its bounds, backoff with jitter.

#include "client_harness.hpp"

namespace roost::sdk::test {
namespace {

TEST(mqtt_client_reconnect, unacked_qos1_is_resent_with_dup) {
  client_harness h;
  h.connect();
  auto id = h.client.publish("t", "x", 1);
  ASSERT_TRUE(id);
  h.drain();
  h.close();
  EXPECT_EQ(h.client.outbox_size(), 1u);
  auto frames = h.reconnect();
  ASSERT_EQ(frames.size(), 1u);
  auto p = frames[0].as_publish();
  EXPECT_TRUE(p.dup);
  EXPECT_EQ(p.packet_id, *id);
  EXPECT_EQ(std::string(p.payload.begin(), p.payload.end()), "x");
  h.feed(mqtt::puback{*id});
  EXPECT_EQ(h.client.outbox_size(), 0u);
  EXPECT_EQ(h.client.reconnects(), 1u);
}

TEST(mqtt_client_reconnect, a_sent_pubrel_is_resent_as_pubrel) {
  client_harness h;
  h.connect();
  auto id = h.client.publish("t", "x", 2);
  h.drain();
  h.feed(mqtt::pubrec{*id});
  EXPECT_EQ(h.drain().at(0).type(), mqtt::packet_type::pubrel);
  h.close();
  auto frames = h.reconnect(true);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::pubrel);
  EXPECT_EQ(frames[0].packet_id(), *id);
  h.feed(mqtt::pubcomp{*id});
  EXPECT_EQ(h.log.of(event_id::published).size(), 1u);
}

TEST(mqtt_client_reconnect, qos2_before_pubrec_is_resent_as_publish_with_dup) {
  client_harness h;
  h.connect();
  auto id = h.client.publish("t", "x", 2);
  h.drain();
  h.close();
  auto frames = h.reconnect(true);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_TRUE(frames[0].as_publish().dup);
  EXPECT_EQ(frames[0].as_publish().packet_id, *id);
}

TEST(mqtt_client_reconnect, subscriptions_are_sent_again_without_a_session) {
  client_harness h;
  h.client.subscribe("a", 1);  // before the first connection: remembered
  h.client.subscribe("b/#", 2);
  auto first = h.connect();
  ASSERT_EQ(first.size(), 3u);  // CONNECT, two SUBSCRIBEs
  h.feed(mqtt::suback{first[1].packet_id(), {1}});
  h.feed(mqtt::suback{first[2].packet_id(), {2}});
  EXPECT_EQ(h.log.of(event_id::subscribed).size(), 2u);
  h.close();
  auto frames = h.reconnect(false);
  ASSERT_EQ(frames.size(), 2u);
  auto a = mqtt::decode_subscribe(frames[0].view(), mqtt::protocol_version::v3_1_1);
  auto b = mqtt::decode_subscribe(frames[1].view(), mqtt::protocol_version::v3_1_1);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->entries.at(0).filter, "a");
  EXPECT_EQ(a->entries.at(0).qos, 1);
  EXPECT_EQ(b->entries.at(0).filter, "b/#");
  EXPECT_EQ(b->entries.at(0).qos, 2);
}

TEST(mqtt_client_reconnect, a_resumed_session_keeps_acknowledged_subscriptions) {
  client_harness h;
  h.client.subscribe("a", 1);
  auto first = h.connect();
  h.feed(mqtt::suback{first.at(1).packet_id(), {1}});
  h.close();
  EXPECT_TRUE(h.reconnect(true).empty());
}

TEST(mqtt_client_reconnect, a_resumed_session_still_gets_subscriptions_never_sent) {
  client_harness h;
  auto id = h.client.subscribe("a", 1);  // made before the first connection
  ASSERT_TRUE(id);
  auto frames = h.connect(true);  // the broker kept a session from an earlier run
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[1].type(), mqtt::packet_type::subscribe);
  EXPECT_EQ(frames[1].packet_id(), *id);
  h.feed(mqtt::suback{*id, {1}});
  EXPECT_EQ(h.log.of(event_id::subscribed).size(), 1u);
}

TEST(mqtt_client_reconnect, offline_publishes_go_out_in_order_after_connack) {
  client_harness h;
  h.connect();
  h.close();
  ASSERT_TRUE(h.client.publish("t", "0", 0));
  ASSERT_TRUE(h.client.publish("t", "1", 1));
  ASSERT_TRUE(h.client.publish("t", "2", 2));
  EXPECT_EQ(h.client.offline_queue_size(), 3u);
  EXPECT_EQ(h.client.outbox_size(), 0u);
  auto frames = h.reconnect();
  ASSERT_EQ(frames.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    auto p = frames[i].as_publish();
    EXPECT_EQ(p.qos, i);
    EXPECT_FALSE(p.dup);  // first time on the wire
    EXPECT_EQ(std::string(p.payload.begin(), p.payload.end()), std::to_string(i));
  }
  EXPECT_EQ(h.client.offline_queue_size(), 0u);
  EXPECT_EQ(h.client.outbox_size(), 2u);
}

TEST(mqtt_client_reconnect, offline_queue_is_bounded_by_count) {
  client_config c = default_config();
  c.offline_queue_max = 3;
  client_harness h{c};
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(h.client.publish("t", "m", 1));
  auto refused = h.client.publish("t", "m", 0);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), client_error::queue_full);
  EXPECT_EQ(h.client.offline_queue_size(), 3u);
}

TEST(mqtt_client_reconnect, offline_queue_is_bounded_by_store_memory) {
  client_harness h{default_config(), 512, 512, 200};
  int taken = 0;
  while (h.client.publish("t", std::string(40, 'x'), 1)) ++taken;
  EXPECT_EQ(taken, 3);  // 3 x (10 + 1 + 40) bytes fit in 200, 4 do not
  EXPECT_EQ(h.client.publish("t", std::string(40, 'x')).error(), client_error::queue_full);
  EXPECT_EQ(h.client.publish("t", std::string(300, 'x')).error(), client_error::too_large);
}

TEST(mqtt_client_reconnect, backoff_doubles_within_bounds_with_jitter) {
  client_config c = default_config();
  c.reconnect_min_ms = 1000;
  c.reconnect_max_ms = 8000;
  client_harness h{c};
  h.client.start(h.now);
  const std::uint32_t ceilings[] = {1000, 2000, 4000, 8000, 8000, 8000};
  for (std::uint32_t ceiling : ceilings) {
    ASSERT_TRUE(h.client.wants_open());
    h.client.on_open_failed(h.now);
    const millis wait = h.client.next_deadline() - h.now;
    EXPECT_GE(wait, ceiling / 2);
    EXPECT_LE(wait, ceiling);
    h.client.on_tick(h.now + wait - 1);
    EXPECT_FALSE(h.client.wants_open());
    h.now += wait;
    h.client.on_tick(h.now);
  }
  EXPECT_EQ(h.log.of(event_id::error).size(), 6u);
  EXPECT_EQ(h.log.of(event_id::error)[0].error, client_error::connect_failed);
  // A CONNACK resets the backoff.
  h.connect();
  h.close();
  EXPECT_LE(h.client.next_deadline() - h.now, 1000u);
}

TEST(mqtt_client_reconnect, jitter_spreads_waits_across_clients) {
  std::vector<millis> waits;
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    client_config c = default_config();
    c.reconnect_min_ms = 10000;
    c.jitter_seed = seed;
    client_harness h{c};
    h.client.start(h.now);
    h.client.on_open_failed(h.now);
    waits.push_back(h.client.next_deadline() - h.now);
  }
  std::sort(waits.begin(), waits.end());
  EXPECT_GE(waits.front(), 5000u);
  EXPECT_LE(waits.back(), 10000u);
  EXPECT_GT(std::unique(waits.begin(), waits.end()) - waits.begin(), 10);
}

}  // namespace
}  // namespace roost::sdk::test
