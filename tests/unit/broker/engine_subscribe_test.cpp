// Conversation tests of SUBSCRIBE/UNSUBSCRIBE: granted QoS, refused filters, overlapping
// subscriptions, wildcards and $-topics.

#include <map>

#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;

namespace {

using subscribe_test = engine_fixture;

TEST_F(subscribe_test, granted_qos_is_min_of_requested_and_max_qos_MQTT_3_8_4_6) {
  broker::settings s;
  s.max_qos = 1;
  restart(s);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(3, {{"x", 0}, {"y", 1}, {"z", 2}});
  auto ack = a.expect_suback();
  EXPECT_EQ(ack.packet_id, 3);
  EXPECT_EQ(ack.return_codes, (std::vector<std::uint8_t>{0, 1, 1}));
}

TEST_F(subscribe_test, too_many_levels_refused_with_0x80_in_order_MQTT_3_8_4_5) {
  broker::settings s;
  s.max_topic_levels = 3;
  restart(s);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"a/b/c", 1}, {"a/b/c/d", 1}, {"a/#", 2}});
  EXPECT_EQ(a.expect_suback().return_codes, (std::vector<std::uint8_t>{1, mqtt::suback_failure, 2}));
}

TEST_F(subscribe_test, malformed_filter_closes_MQTT_4_7_1_2) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"a/#/b", 0}});
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(subscribe_test, empty_subscribe_closes_MQTT_3_8_3_3) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.send_raw({0x82, 0x02, 0x00, 0x01});
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(subscribe_test, overlapping_subscriptions_deliver_once_at_highest_qos) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"a/#", 0}, {"a/+", 2}, {"a/b", 1}});
  a.expect_suback();
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  p.publish("a/b", "x", 2, false, 1);
  p.expect_pubrec();
  auto m = a.expect_publish();
  EXPECT_EQ(m.qos, 2);
  a.expect_nothing();
}

TEST_F(subscribe_test, resubscribe_replaces_and_resends_retained_MQTT_3_8_4_3) {
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  p.publish("t", "r", 1, true, 1);
  p.expect_puback();
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"t", 0}});
  a.expect_suback();
  EXPECT_EQ(a.expect_publish().qos, 0);
  a.subscribe(2, {{"t", 1}});
  a.expect_suback();
  auto again = a.expect_publish();
  EXPECT_TRUE(again.retain);
  EXPECT_EQ(again.qos, 1);
  a.send(mqtt::puback{again.packet_id});
  EXPECT_EQ(e->snapshot().subscriptions, 1u) << "replaced, not added";
  p.publish("t", "live", 1, false, 2);
  p.expect_puback();
  EXPECT_EQ(a.expect_publish().qos, 1);
  a.expect_nothing();
}

TEST_F(subscribe_test, unsubscribe_stops_delivery_and_always_acks_MQTT_3_10_4_5) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"t", 0}});
  a.expect_suback();
  a.send(mqtt::unsubscribe{2, {"t", "never-subscribed"}});
  EXPECT_EQ(a.expect_unsuback().packet_id, 2);
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  p.publish("t", "x");
  a.expect_nothing();
  EXPECT_EQ(e->snapshot().subscriptions, 0u);
}

TEST_F(subscribe_test, unsubscribe_drops_retained_messages_still_owed) {
  broker::settings s;
  s.max_inflight = 2;
  restart(s);
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  for (int i = 0; i < 50; ++i) {
    p.publish("r/" + std::to_string(i), "v", 1, true, static_cast<std::uint16_t>(i + 1));
    p.expect_puback();
  }
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"r/#", 1}});
  a.expect_suback();
  auto first = a.expect_publish();
  a.expect_publish();
  a.expect_nothing();  // the window of 2 is full
  a.send(mqtt::unsubscribe{2, {"r/#"}});
  a.expect_unsuback();
  a.send(mqtt::puback{first.packet_id});
  a.expect_nothing();  // nothing more of the 50 is sent
}

TEST_F(subscribe_test, leading_wildcards_do_not_match_dollar_topics_MQTT_4_7_2_1) {
  broker::settings s;
  s.sys_interval = seconds(1);
  restart(s);
  scripted_peer all{*e, clock};
  all.connect_ok(connect_packet("all"));
  all.subscribe(1, {{"#", 0}, {"+/broker/version", 0}});
  all.expect_suback();
  scripted_peer sys{*e, clock};
  sys.connect_ok(connect_packet("sys"));
  sys.subscribe(1, {{"$SYS/broker/version", 0}});
  sys.expect_suback();
  clock.advance(seconds(2));
  e->tick(clock.now);
  EXPECT_EQ(sys.expect_publish().topic, "$SYS/broker/version");
  all.expect_nothing();
}

TEST_F(subscribe_test, wildcard_edge_cases_through_the_engine) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"sport/#", 0}, {"+/+", 0}, {"/+", 0}});
  a.expect_suback();
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  p.publish("sport", "parent level matches #");
  EXPECT_EQ(a.expect_publish().topic, "sport");
  p.publish("/finance", "two levels");
  EXPECT_EQ(a.expect_publish().topic, "/finance");  // once, though "+/+" and "/+" both match
  a.expect_nothing();
  p.publish("a/b/c", "three levels");
  a.expect_nothing();
}

TEST_F(subscribe_test, sys_topics_published_periodically) {
  broker::settings s;
  s.sys_interval = seconds(10);
  s.version = "roost test";
  restart(s);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"$SYS/broker/version", 0}, {"$SYS/broker/clients/connected", 0}});
  a.expect_suback();
  clock.advance(seconds(1));
  e->tick(clock.now);
  std::map<std::string, std::string> got;
  while (a.peek_type() == mqtt::packet_type::publish) {
    auto m = a.expect_publish();
    got[m.topic] = m.payload;
  }
  EXPECT_EQ(got["$SYS/broker/version"], "roost test");
  EXPECT_EQ(got["$SYS/broker/clients/connected"], "1");
  clock.advance(seconds(5));
  e->tick(clock.now);
  a.expect_nothing();  // not yet due
  clock.advance(seconds(6));
  e->tick(clock.now);
  EXPECT_EQ(a.pending(), 2u);
}

}  // namespace
