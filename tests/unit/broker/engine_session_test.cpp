// Conversation tests of sessions: clean and persistent, session present, offline queueing,
// re-sending unacknowledged messages with DUP after a reconnect.

#include <set>

#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;

namespace {

struct session_test : engine_fixture {
  void publish(std::string topic, std::string payload, std::uint8_t qos) {
    scripted_peer p{*e, clock};
    p.connect_ok(connect_packet("publisher"));
    p.publish(std::move(topic), payload, qos, false, 1);
    if (qos == 1) p.expect_puback();
    if (qos == 2) {
      p.expect_pubrec();
      p.send(mqtt::pubrel{1});
      p.expect_pubcomp();
    }
  }
};

TEST_F(session_test, session_present_flag_MQTT_3_2_2_1_to_3) {
  {
    scripted_peer a{*e, clock};
    EXPECT_FALSE(a.connect_ok(connect_packet("a", false))) << "new session [MQTT-3.2.2-3]";
  }
  {
    scripted_peer a{*e, clock};
    EXPECT_TRUE(a.connect_ok(connect_packet("a", false))) << "resumed [MQTT-3.2.2-2]";
  }
  {
    scripted_peer a{*e, clock};
    EXPECT_FALSE(a.connect_ok(connect_packet("a", true))) << "clean session [MQTT-3.2.2-1]";
  }
  scripted_peer a{*e, clock};
  EXPECT_FALSE(a.connect_ok(connect_packet("a", false))) << "the clean session discarded the old one";
}

TEST_F(session_test, mqtt_3_1_connack_has_no_session_present_flag) {
  auto c = connect_packet("old", false);
  c.protocol_name = "MQIsdp";
  c.protocol_level = 3;
  { scripted_peer a{*e, clock}; a.connect_ok(c); }
  scripted_peer a{*e, clock};
  EXPECT_FALSE(a.connect_ok(c)) << "the byte is reserved in MQTT 3.1";
  EXPECT_EQ(e->snapshot().clients_total, 1u) << "the session was resumed all the same";
}

TEST_F(session_test, persistent_session_keeps_subscriptions_and_queues_qos1_and_2) {
  {
    scripted_peer a{*e, clock};
    a.connect_ok(connect_packet("a", false));
    a.subscribe(1, {{"t/#", 2}});
    a.expect_suback();
  }
  publish("t/1", "one", 1);
  publish("t/2", "two", 2);
  publish("t/0", "zero", 0);  // QoS 0 is not queued for an offline client
  scripted_peer a{*e, clock};
  EXPECT_TRUE(a.connect_ok(connect_packet("a", false)));
  auto m1 = a.expect_publish();
  EXPECT_EQ(m1.payload, "one");
  EXPECT_EQ(m1.qos, 1);
  auto m2 = a.expect_publish();
  EXPECT_EQ(m2.payload, "two");
  EXPECT_EQ(m2.qos, 2);
  a.expect_nothing();
}

TEST_F(session_test, clean_session_discards_state_MQTT_3_1_2_6) {
  {
    scripted_peer a{*e, clock};
    a.connect_ok(connect_packet("a", true));
    a.subscribe(1, {{"t", 1}});
    a.expect_suback();
  }
  EXPECT_EQ(e->snapshot().subscriptions, 0u);
  EXPECT_EQ(e->snapshot().clients_total, 0u);
  publish("t", "x", 1);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a", false));
  a.expect_nothing();
}

TEST_F(session_test, unacknowledged_qos1_resent_with_dup_on_reconnect_MQTT_4_4_0_1) {
  auto a = std::make_unique<scripted_peer>(*e, clock);
  a->connect_ok(connect_packet("a", false));
  a->subscribe(1, {{"t", 1}});
  a->expect_suback();
  publish("t", "x", 1);
  auto first = a->expect_publish();
  EXPECT_FALSE(first.dup);
  a.reset();  // gone without PUBACK
  scripted_peer b{*e, clock};
  EXPECT_TRUE(b.connect_ok(connect_packet("a", false)));
  auto again = b.expect_publish();
  EXPECT_TRUE(again.dup);
  EXPECT_EQ(again.packet_id, first.packet_id);
  EXPECT_EQ(again.payload, "x");
  b.send(mqtt::puback{again.packet_id});
  b.expect_nothing();
}

TEST_F(session_test, qos2_resumes_with_pubrel_after_pubrec) {
  auto a = std::make_unique<scripted_peer>(*e, clock);
  a->connect_ok(connect_packet("a", false));
  a->subscribe(1, {{"t", 2}});
  a->expect_suback();
  publish("t", "x", 2);
  auto m = a->expect_publish();
  a->send(mqtt::pubrec{m.packet_id});
  EXPECT_EQ(a->expect_pubrel().packet_id, m.packet_id);
  a.reset();  // gone before PUBCOMP
  scripted_peer b{*e, clock};
  b.connect_ok(connect_packet("a", false));
  EXPECT_EQ(b.expect_pubrel().packet_id, m.packet_id);
  b.send(mqtt::pubcomp{m.packet_id});
  b.expect_nothing();
}

TEST_F(session_test, inbound_qos2_state_survives_reconnect) {
  scripted_peer sub{*e, clock};
  sub.connect_ok(connect_packet("sub"));
  sub.subscribe(1, {{"t", 0}});
  sub.expect_suback();
  {
    scripted_peer p{*e, clock};
    p.connect_ok(connect_packet("p", false));
    p.publish("t", "x", 2, false, 5);
    p.expect_pubrec();
  }
  EXPECT_EQ(sub.expect_publish().payload, "x");
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p", false));
  p.publish("t", "x", 2, false, 5, true);  // the client re-sends: not delivered again
  p.expect_pubrec();
  p.send(mqtt::pubrel{5});
  p.expect_pubcomp();
  sub.expect_nothing();
}

TEST_F(session_test, offline_queue_bounded_and_overflow_counted) {
  broker::settings s;
  s.max_queued_messages = 10;
  restart(s);
  {
    scripted_peer a{*e, clock};
    a.connect_ok(connect_packet("a", false));
    a.subscribe(1, {{"t", 1}});
    a.expect_suback();
  }
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  for (int i = 0; i < 25; ++i) {
    p.publish("t", std::to_string(i), 1, false, static_cast<std::uint16_t>(i + 1));
    p.expect_puback();
  }
  EXPECT_EQ(e->snapshot().messages_dropped, 15u);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a", false));
  for (int i = 0; i < 10; ++i) {
    auto m = a.expect_publish();
    EXPECT_EQ(m.payload, std::to_string(i)) << "the oldest are kept, in order";
    a.send(mqtt::puback{m.packet_id});
  }
  a.expect_nothing();
}

TEST_F(session_test, offline_queue_bounded_by_bytes) {
  broker::settings s;
  s.max_queued_bytes = 100;
  restart(s);
  {
    scripted_peer a{*e, clock};
    a.connect_ok(connect_packet("a", false));
    a.subscribe(1, {{"t", 1}});
    a.expect_suback();
  }
  for (int i = 0; i < 5; ++i) publish("t", std::string(40, 'x'), 1);  // 41 bytes each with topic
  EXPECT_EQ(e->snapshot().messages_dropped, 3u);
}

TEST_F(session_test, packet_ids_skip_those_in_flight) {
  broker::settings s;
  s.max_inflight = 3;
  restart(s);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"t", 1}});
  a.expect_suback();
  scripted_peer p{*e, clock};
  p.connect_ok(connect_packet("p"));
  std::set<std::uint16_t> ids;
  for (int i = 0; i < 3; ++i) {
    p.publish("t", "x", 1, false, static_cast<std::uint16_t>(i + 1));
    p.expect_puback();
    ids.insert(a.expect_publish().packet_id);
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids.count(0), 0u);
}

// Sessions are found by a key that views the session's own client id; ids longer than a short
// string's inline buffer live on the heap and must be found all the same, through a takeover, a
// reconnect and the end of the session.
TEST_F(session_test, long_client_ids_find_their_sessions) {
  const std::string id = "a-client-id-much-longer-than-fifteen-characters";
  {
    scripted_peer a{*e, clock};
    EXPECT_FALSE(a.connect_ok(connect_packet(id, false)));
    a.subscribe(1, {{"t/#", 1}});
    a.expect_suback();
    scripted_peer b{*e, clock};
    EXPECT_TRUE(b.connect_ok(connect_packet(id, false))) << "taken over, session present";
    EXPECT_TRUE(a.close_requested);
  }
  for (int i = 0; i < 50; ++i) publish("t/" + std::to_string(i), std::to_string(i), 1);
  EXPECT_EQ(e->snapshot().clients_total, 1u) << "the kept session (the publishers' were clean)";
  {
    scripted_peer a{*e, clock};
    EXPECT_TRUE(a.connect_ok(connect_packet(id, false)));
    for (int i = 0; i < 50; ++i) {
      auto m = a.expect_publish();
      EXPECT_EQ(m.payload, std::to_string(i)) << "queued in order";
      a.send(mqtt::puback{m.packet_id});
    }
    a.expect_nothing();
  }
  scripted_peer a{*e, clock};
  EXPECT_FALSE(a.connect_ok(connect_packet(id, true))) << "the clean session ended the kept one";
  EXPECT_EQ(e->snapshot().clients_total, 1u);
}

}  // namespace
