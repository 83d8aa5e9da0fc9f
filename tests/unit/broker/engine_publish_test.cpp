// Conversation tests of PUBLISH in both directions: QoS 0, 1 and 2 flows, exactly-once,
// in-flight window, ordering, retained messages.

#include <set>

#include "support/memory_persistence.hpp"
#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;

namespace {

using publish_test = engine_fixture;

TEST_F(publish_test, qos0_round_trip) {
  auto sub = subscriber("s", "a/b", 0);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("a/b", "hello");
  pub.expect_nothing();  // QoS 0 has no acknowledgement
  auto m = sub->expect_publish();
  EXPECT_EQ(m.topic, "a/b");
  EXPECT_EQ(m.payload, "hello");
  EXPECT_EQ(m.qos, 0);
}

TEST_F(publish_test, qos1_puback_and_delivery_MQTT_4_3_2_2) {
  auto sub = subscriber("s", "a", 1);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("a", "x", 1, false, 7);
  EXPECT_EQ(pub.expect_puback().packet_id, 7);
  auto m = sub->expect_publish();
  EXPECT_EQ(m.qos, 1);
  EXPECT_NE(m.packet_id, 0);
  sub->send(mqtt::puback{m.packet_id});
  sub->expect_nothing();
}

TEST_F(publish_test, qos2_inbound_flow_and_duplicate_suppressed_MQTT_4_3_3_2) {
  auto sub = subscriber("s", "a", 2);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("a", "once", 2, false, 9);
  EXPECT_EQ(pub.expect_pubrec().packet_id, 9);
  pub.publish("a", "once", 2, false, 9, true);  // re-sent with DUP before PUBREL
  EXPECT_EQ(pub.expect_pubrec().packet_id, 9);
  pub.send(mqtt::pubrel{9});
  EXPECT_EQ(pub.expect_pubcomp().packet_id, 9);
  auto m = sub->expect_publish();
  EXPECT_EQ(m.payload, "once");
  EXPECT_EQ(m.qos, 2);
  sub->expect_nothing();  // delivered exactly once
  // After PUBREL the id is free again: a new message with id 9 is a new message.
  pub.publish("a", "twice", 2, false, 9);
  pub.expect_pubrec();
  sub->send(mqtt::pubrec{m.packet_id});
  EXPECT_EQ(sub->expect_pubrel().packet_id, m.packet_id);
  sub->send(mqtt::pubcomp{m.packet_id});
  EXPECT_EQ(sub->expect_publish().payload, "twice");
}

TEST_F(publish_test, qos2_releases_in_any_order_keep_the_other_ids_outstanding_MQTT_4_3_3_2) {
  auto sub = subscriber("s", "a", 0);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  for (std::uint16_t id : {1, 2, 3, 4}) {
    pub.publish("a", "m" + std::to_string(id), 2, false, id);
    EXPECT_EQ(pub.expect_pubrec().packet_id, id);
  }
  for (int i = 0; i < 4; ++i) sub->expect_publish();
  // Release the first and the third: ids 2 and 4 are still outstanding, so re-sends of them are
  // duplicates, while 1 and 3 are free for new messages.
  pub.send(mqtt::pubrel{1});
  EXPECT_EQ(pub.expect_pubcomp().packet_id, 1);
  pub.send(mqtt::pubrel{3});
  EXPECT_EQ(pub.expect_pubcomp().packet_id, 3);
  for (std::uint16_t id : {4, 2}) {
    pub.publish("a", "again", 2, false, id, true);
    EXPECT_EQ(pub.expect_pubrec().packet_id, id);
  }
  sub->expect_nothing();
  for (std::uint16_t id : {3, 1}) {
    pub.publish("a", "new" + std::to_string(id), 2, false, id);
    EXPECT_EQ(pub.expect_pubrec().packet_id, id);
    EXPECT_EQ(sub->expect_publish().payload, "new" + std::to_string(id));
  }
}

TEST_F(publish_test, pubrel_for_unknown_id_still_gets_pubcomp) {
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.send(mqtt::pubrel{42});
  EXPECT_EQ(pub.expect_pubcomp().packet_id, 42);
}

TEST_F(publish_test, delivered_at_min_of_published_and_granted_qos) {
  auto sub0 = subscriber("s0", "t", 0);
  auto sub2 = subscriber("s2", "t", 2);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("t", "x", 1, false, 1);
  pub.expect_puback();
  EXPECT_EQ(sub0->expect_publish().qos, 0);
  EXPECT_EQ(sub2->expect_publish().qos, 1);
}

TEST_F(publish_test, inflight_window_holds_back_and_releases_in_order) {
  broker::settings s;
  s.max_inflight = 2;
  restart(s);
  auto sub = subscriber("s", "t", 1);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  for (int i = 0; i < 5; ++i) {
    pub.publish("t", std::to_string(i), 1, false, static_cast<std::uint16_t>(i + 1));
    pub.expect_puback();
  }
  auto a = sub->expect_publish();
  auto b = sub->expect_publish();
  EXPECT_EQ(a.payload, "0");
  EXPECT_EQ(b.payload, "1");
  sub->expect_nothing();  // window of 2 is full
  sub->send(mqtt::puback{a.packet_id});
  EXPECT_EQ(sub->expect_publish().payload, "2");
  sub->expect_nothing();
  sub->send(mqtt::puback{b.packet_id});
  EXPECT_EQ(sub->expect_publish().payload, "3");
}

TEST_F(publish_test, one_topic_stays_in_order_across_qos_levels) {
  auto sub = subscriber("s", "t", 2);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  for (int i = 0; i < 30; ++i) {
    pub.publish("t", std::to_string(i), static_cast<std::uint8_t>(i % 2), false, static_cast<std::uint16_t>(i + 1));
  }
  for (int i = 0; i < 30; ++i) {
    auto m = sub->expect_publish();
    EXPECT_EQ(m.payload, std::to_string(i));
    if (m.qos == 1) sub->send(mqtt::puback{m.packet_id});
  }
}

TEST_F(publish_test, publisher_receives_own_message_when_subscribed) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"t", 0}});
  a.expect_suback();
  a.publish("t", "self");
  EXPECT_EQ(a.expect_publish().payload, "self");
}

TEST_F(publish_test, wildcard_in_topic_name_closes_MQTT_3_3_2_2) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.publish("a/+", "x");
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(publish_test, qos3_closes_MQTT_3_3_1_4) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.send_raw({0x36, 0x05, 0x00, 0x01, 't', 0x00, 0x01});
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(publish_test, sys_topics_are_not_writable_by_clients) {
  auto sub = subscriber("s", "$SYS/#", 0);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.publish("$SYS/broker/version", "fake", 1, true, 1);
  a.expect_puback();
  sub->expect_nothing();
}

TEST_F(publish_test, retained_delivered_on_subscribe_with_retain_flag_MQTT_3_3_1_8) {
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("r/a", "1", 0, true);
  pub.publish("r/b", "2", 1, true, 1);
  pub.expect_puback();
  auto sub = std::make_unique<scripted_peer>(*e, clock);
  sub->connect_ok(connect_packet("s"));
  sub->subscribe(1, {{"r/+", 1}});
  EXPECT_EQ(sub->expect_suback().return_codes[0], 1);
  std::set<std::string> got;
  for (int i = 0; i < 2; ++i) {
    auto m = sub->expect_publish();
    EXPECT_TRUE(m.retain);
    got.insert(m.topic + "=" + m.payload);
    if (m.qos == 1) sub->send(mqtt::puback{m.packet_id});
  }
  EXPECT_EQ(got, (std::set<std::string>{"r/a=1", "r/b=2"}));
}

TEST_F(publish_test, retained_replaced_and_cleared_by_empty_payload_MQTT_3_3_1_10) {
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("r", "old", 0, true);
  pub.publish("r", "new", 0, true);
  {
    scripted_peer sub{*e, clock};
    sub.connect_ok(connect_packet("s1"));
    sub.subscribe(1, {{"r", 0}});
    sub.expect_suback();
    EXPECT_EQ(sub.expect_publish().payload, "new");
    sub.expect_nothing();
  }
  pub.publish("r", "", 0, true);
  EXPECT_EQ(e->snapshot().retained, 0u);
  scripted_peer sub{*e, clock};
  sub.connect_ok(connect_packet("s2"));
  sub.subscribe(1, {{"r", 0}});
  sub.expect_suback();
  sub.expect_nothing();
}

TEST_F(publish_test, empty_retained_publish_still_reaches_subscribers_MQTT_3_3_1_12) {
  auto sub = subscriber("s", "r", 0);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("r", "", 0, true);
  auto m = sub->expect_publish();
  EXPECT_EQ(m.payload, "");
  EXPECT_FALSE(m.retain);
}

TEST_F(publish_test, retained_stream_respects_window_and_not_queue_limit) {
  broker::settings s;
  s.max_inflight = 5;
  s.max_queued_messages = 10;
  restart(s);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  const int n = 2000;
  for (int i = 0; i < n; ++i) pub.publish("r/" + std::to_string(i), "v", 1, true, static_cast<std::uint16_t>(i % 60000 + 1));
  for (int i = 0; i < n; ++i) pub.expect_puback();
  EXPECT_EQ(e->snapshot().retained, static_cast<std::size_t>(n));

  scripted_peer sub{*e, clock};
  sub.connect_ok(connect_packet("s"));
  sub.subscribe(1, {{"r/#", 1}});
  sub.expect_suback();
  std::set<std::string> topics;
  for (int round = 0; round < n; ++round) {
    auto before = topics.size();
    while (sub.peek_type() == mqtt::packet_type::publish) {
      auto m = sub.expect_publish();
      EXPECT_TRUE(m.retain);
      topics.insert(m.topic);
      sub.send(mqtt::puback{m.packet_id});
    }
    if (topics.size() == before) break;
  }
  EXPECT_EQ(topics.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(e->snapshot().messages_dropped, 0u);
}

TEST_F(publish_test, payload_is_shared_not_copied_between_subscribers) {
  auto a = subscriber("a", "t", 0);
  auto b = subscriber("b", "t", 0);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("t", std::string(4000, 'x'));
  broker::outbound oa, ob;
  e->pull(a->conn(), oa, 1 << 20);
  e->pull(b->conn(), ob, 1 << 20);
  ASSERT_EQ(oa.pieces.size(), 2u);
  ASSERT_EQ(ob.pieces.size(), 2u);
  EXPECT_EQ(oa.pieces[1].data, ob.pieces[1].data) << "both point at the one shared payload";
  EXPECT_EQ(oa.pieces[1].size, 4000u);
}

TEST_F(publish_test, small_payloads_are_copied_so_a_batch_is_one_piece) {
  auto a = subscriber("a", "t", 1);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  for (int i = 0; i < 10; ++i) pub.publish("t", "payload " + std::to_string(i), 1, false, static_cast<std::uint16_t>(i + 1));
  broker::outbound out;
  e->pull(a->conn(), out, 1 << 20);
  ASSERT_EQ(out.pieces.size(), 1u) << "headers and small payloads in one contiguous piece";
  EXPECT_TRUE(out.holds.empty()) << "no message is referenced once its payload is copied";
  EXPECT_EQ(out.pieces[0].size, out.total);
  // The ten PUBLISHes decode, in order, with their payloads.
  mqtt::frame_decoder decoder{1 << 20};
  decoder.feed({out.data(out.pieces[0]), out.pieces[0].size});
  mqtt::frame f;
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(decoder.next(f), mqtt::frame_status::ready);
    auto p = mqtt::decode_publish(f, mqtt::protocol_version::v3_1_1);
    ASSERT_TRUE(p);
    EXPECT_EQ(std::string(p->payload.begin(), p->payload.end()), "payload " + std::to_string(i));
  }
  EXPECT_EQ(decoder.next(f), mqtt::frame_status::need_more);
}

TEST_F(publish_test, packet_ids_go_round_and_skip_one_still_in_flight_MQTT_2_3_1_2) {
  auto sub = subscriber("s", "t", 1);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("t", "held", 1, false, 1);
  pub.expect_puback();
  const std::uint16_t held = sub->expect_publish().packet_id;  // never acknowledged
  // More than a whole turn of the 65535 ids while `held` stays in flight: every other message is
  // acknowledged at once, and none may reuse `held` or 0.
  std::set<std::uint16_t> seen;
  for (int i = 0; i < 70'000; ++i) {
    pub.publish("t", "m", 1, false, 1);
    pub.expect_puback();
    const auto m = sub->expect_publish();
    ASSERT_NE(m.packet_id, 0);
    ASSERT_NE(m.packet_id, held) << "message " << i;
    seen.insert(m.packet_id);
    sub->send(mqtt::puback{m.packet_id});
  }
  EXPECT_EQ(seen.size(), 65'534u) << "every id but the held one was used";
}

TEST_F(publish_test, retained_changes_reach_persistence_but_not_sys_topics) {
  broker::settings s;
  s.sys_interval = seconds(1);
  restart(s);
  memory_persistence durable;
  e->persist_to(&durable);
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  p.publish("r", "v1", 0, true);
  p.publish("r", "", 0, true);
  p.publish("plain", "not retained");
  clock.advance(seconds(2));
  e->tick(clock.now);  // publishes the retained $SYS topics
  EXPECT_EQ(durable.retained, (std::vector<std::string>{"r=v1", "r="}));
}

TEST_F(publish_test, restored_retained_messages_are_delivered_on_subscribe) {
  const std::string v = "stored";
  e->restore_retained({broker::make_message(broker::default_scope, "r/1",
                                            mqtt::byte_view(reinterpret_cast<const std::uint8_t*>(v.data()), v.size()),
                                            1, true)});
  EXPECT_EQ(e->snapshot().retained, 1u);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"r/#", 1}});
  a.expect_suback();
  auto m = a.expect_publish();
  EXPECT_EQ(m.payload, "stored");
  EXPECT_TRUE(m.retain);
  EXPECT_EQ(m.qos, 1);
}

}  // namespace
