// mqtt_client: outgoing publishes at QoS 0, 1 and 2, subscribe and unsubscribe.

#include "client_harness.hpp"

namespace roost::sdk::test {
namespace {

TEST(mqtt_client_publish, qos0_goes_out_at_once_and_is_not_kept) {
  client_harness h;
  h.connect();
  auto id = h.client.publish("a/b", "hello", 0, true);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(*id, 0);
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  auto p = frames[0].as_publish();
  EXPECT_EQ(p.topic, "a/b");
  EXPECT_EQ(p.qos, 0);
  EXPECT_TRUE(p.retain);
  EXPECT_EQ(std::string(p.payload.begin(), p.payload.end()), "hello");
  EXPECT_EQ(h.client.outbox_size(), 0u);
}

TEST(mqtt_client_publish, qos1_stays_in_the_outbox_until_puback) {
  client_harness h;
  h.connect();
  auto id = h.client.publish("t", "x", 1);
  ASSERT_TRUE(id.has_value());
  EXPECT_NE(*id, 0);
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  auto p = frames[0].as_publish();
  EXPECT_EQ(p.qos, 1);
  EXPECT_EQ(p.packet_id, *id);
  EXPECT_FALSE(p.dup);
  EXPECT_EQ(h.client.outbox_size(), 1u);
  h.feed(mqtt::puback{*id});
  EXPECT_EQ(h.client.outbox_size(), 0u);
  auto published = h.log.of(event_id::published);
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].packet_id, *id);
}

TEST(mqtt_client_publish, qos2_runs_pubrec_pubrel_pubcomp) {
  client_harness h;
  h.connect();
  auto id = h.client.publish("t", "x", 2);
  ASSERT_TRUE(id.has_value());
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].as_publish().qos, 2);
  h.feed(mqtt::pubrec{*id});
  frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::pubrel);
  EXPECT_EQ(frames[0].first_byte & 0x0F, 0b0010);
  EXPECT_EQ(frames[0].packet_id(), *id);
  EXPECT_TRUE(h.log.of(event_id::published).empty());
  EXPECT_EQ(h.client.outbox_size(), 1u);
  h.feed(mqtt::pubcomp{*id});
  EXPECT_EQ(h.client.outbox_size(), 0u);
  EXPECT_EQ(h.log.of(event_id::published).at(0).packet_id, *id);
}

TEST(mqtt_client_publish, packet_ids_differ_while_in_flight) {
  client_harness h;
  h.connect();
  auto a = h.client.publish("t", "1", 1);
  auto b = h.client.publish("t", "2", 2);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(h.drain().size(), 2u);
  EXPECT_EQ(h.client.outbox_size(), 2u);
}

TEST(mqtt_client_publish, refuses_bad_topics_qos_and_oversize) {
  client_harness h{default_config(), 64, 512, 4096};
  h.connect();
  EXPECT_EQ(h.client.publish("a/+", "x").error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.publish("", "x").error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.publish("a", "x", 3).error(), client_error::invalid_argument);
  EXPECT_EQ(h.client.publish("a", std::string(100, 'x')).error(), client_error::too_large);
  EXPECT_EQ(h.client.subscribe("a/#/b").error(), client_error::invalid_argument);
}

TEST(mqtt_client_publish, a_stuck_socket_queues_in_order) {
  client_config c = default_config();
  c.client_id = "d";
  client_harness h{c, 16, 512, 4096};  // room for two of these frames at a time
  h.connect();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(h.client.publish("t", std::to_string(i), 0));
  auto frames = h.drain();  // drain() writes as room appears
  ASSERT_EQ(frames.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    auto p = frames[i].as_publish();
    EXPECT_EQ(std::string(p.payload.begin(), p.payload.end()), std::to_string(i));
  }
}

TEST(mqtt_client_subscribe, subscribe_and_suback_report_granted_qos) {
  client_harness h;
  h.connect();
  auto id = h.client.subscribe("ledctrl", 1);
  ASSERT_TRUE(id.has_value());
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  auto sub = mqtt::decode_subscribe(frames[0].view(), mqtt::protocol_version::v3_1_1);
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(sub->packet_id, *id);
  ASSERT_EQ(sub->entries.size(), 1u);
  EXPECT_EQ(sub->entries[0].filter, "ledctrl");
  EXPECT_EQ(sub->entries[0].qos, 1);
  h.feed(mqtt::suback{*id, {0x80}});
  auto acks = h.log.of(event_id::subscribed);
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0].packet_id, *id);
  EXPECT_EQ(acks[0].qos, 0x80);
}

TEST(mqtt_client_subscribe, a_subscription_made_offline_keeps_its_packet_id) {
  client_harness h;
  auto id = h.client.subscribe("a", 1);
  ASSERT_TRUE(id.has_value());
  auto frames = h.connect();
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[1].packet_id(), *id);
}

TEST(mqtt_client_subscribe, unsubscribe_sends_and_reports) {
  client_harness h;
  h.connect();
  ASSERT_TRUE(h.client.subscribe("a", 0));
  h.drain();
  auto id = h.client.unsubscribe("a");
  ASSERT_TRUE(id.has_value());
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  auto unsub = mqtt::decode_unsubscribe(frames[0].view(), mqtt::protocol_version::v3_1_1);
  ASSERT_TRUE(unsub.has_value());
  EXPECT_EQ(unsub->filters.at(0), "a");
  h.feed(mqtt::unsuback{*id});
  EXPECT_EQ(h.log.of(event_id::unsubscribed).at(0).packet_id, *id);
  // Forgotten: a reconnect without session does not subscribe it again.
  h.close();
  EXPECT_TRUE(h.reconnect(false).empty());
}

}  // namespace
}  // namespace roost::sdk::test
