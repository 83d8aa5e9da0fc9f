// Conversation tests of CONNECT handling: protocol level, flags, client identifiers, takeover,
// authentication and timeouts.

#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;
using mqtt::connack_code;

namespace {

using connect_test = engine_fixture;

TEST_F(connect_test, accepts_mqtt_3_1_1) {
  scripted_peer a{*e, clock};
  EXPECT_FALSE(a.connect_ok(connect_packet("a")));
  EXPECT_EQ(e->snapshot().clients_connected, 1u);
}

TEST_F(connect_test, accepts_mqtt_3_1_MQIsdp) {
  scripted_peer a{*e, clock};
  auto c = connect_packet("a");
  c.protocol_name = "MQIsdp";
  c.protocol_level = 3;
  a.connect_ok(c);
}

TEST_F(connect_test, unsupported_level_gets_0x01_and_close_MQTT_3_1_2_2) {
  // Level 5 is MQTT 5 and a later "MQTT" level gets the MQTT 5 form (engine_v5_connect_test.cpp).
  for (std::uint8_t level : {1, 2}) {
    scripted_peer a{*e, clock};
    auto c = connect_packet("a");
    c.protocol_level = level;
    a.send(c);
    EXPECT_EQ(a.expect_connack().code, connack_code::unacceptable_protocol_version);
    EXPECT_TRUE(a.closed_by_server());
  }
}

TEST_F(connect_test, unknown_protocol_name_gets_0x01_and_close) {
  scripted_peer a{*e, clock};
  auto c = connect_packet("a");
  c.protocol_name = "HTTP";
  a.send(c);
  EXPECT_EQ(a.expect_connack().code, connack_code::unacceptable_protocol_version);
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(connect_test, reserved_flag_closes_without_connack_MQTT_3_1_2_3) {
  scripted_peer a{*e, clock};
  mqtt::bytes b;
  mqtt::encode(connect_packet("a"), b);
  b[9] |= 0x01;  // connect flags byte: 2 (fixed header) + 6 (name) + 1 (level)
  a.send_raw(b);
  EXPECT_TRUE(a.closed_by_server());
  a.expect_nothing();
}

TEST_F(connect_test, first_packet_must_be_connect_MQTT_3_1_0_1) {
  scripted_peer a{*e, clock};
  a.send(mqtt::pingreq{});
  EXPECT_TRUE(a.closed_by_server());
  a.expect_nothing();
}

TEST_F(connect_test, second_connect_is_a_violation_MQTT_3_1_0_2) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.send(connect_packet("a"));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(connect_test, empty_client_id_with_clean_session_is_assigned_MQTT_3_1_3_6) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet(""));
  scripted_peer b{*e, clock};
  b.connect_ok(connect_packet(""));
  EXPECT_EQ(e->snapshot().clients_connected, 2u) << "two assigned ids must differ";
}

TEST_F(connect_test, empty_client_id_with_persistent_session_gets_0x02_MQTT_3_1_3_8) {
  scripted_peer a{*e, clock};
  a.send(connect_packet("", false));
  EXPECT_EQ(a.expect_connack().code, connack_code::identifier_rejected);
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(connect_test, takeover_closes_the_old_connection_MQTT_3_1_4_2) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("same"));
  scripted_peer b{*e, clock};
  b.connect_ok(connect_packet("same"));
  EXPECT_TRUE(a.closed_by_server());
  EXPECT_FALSE(b.close_requested);
  a.drop();
  EXPECT_EQ(e->snapshot().clients_connected, 1u);
  // The new connection works.
  b.subscribe(1, {{"t", 0}});
  b.expect_suback();
}

TEST_F(connect_test, takeover_publishes_the_old_connections_will) {
  auto watcher = subscriber("w", "will/#", 0);

  scripted_peer a{*e, clock};
  auto c = connect_packet("same");
  c.will = mqtt::will_message{"will/same", to_bytes("gone"), 0, false};
  a.connect_ok(c);
  scripted_peer b{*e, clock};
  b.connect_ok(connect_packet("same"));
  auto p = watcher->expect_publish();
  EXPECT_EQ(p.topic, "will/same");
  EXPECT_EQ(p.payload, "gone");
  a.drop();
  watcher->expect_nothing();  // published once, not again when the old socket goes
}

TEST_F(connect_test, no_connect_within_timeout_closes) {
  broker::settings s;
  s.connect_timeout = seconds(5);
  restart(s);
  scripted_peer a{*e, clock};
  clock.advance(seconds(4));
  e->tick(clock.now);
  EXPECT_FALSE(a.close_requested);
  clock.advance(seconds(2));
  e->tick(clock.now);
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(connect_test, keepalive_expires_after_one_and_a_half_times_MQTT_3_1_2_24) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a", true, 10));
  clock.advance(seconds(14));
  e->tick(clock.now);
  EXPECT_FALSE(a.close_requested);
  a.send(mqtt::pingreq{});
  a.expect_pingresp();
  clock.advance(seconds(14));
  e->tick(clock.now);
  EXPECT_FALSE(a.close_requested) << "PINGREQ restarts the keepalive";
  clock.advance(seconds(2));
  e->tick(clock.now);
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(connect_test, keepalive_zero_never_expires) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a", true, 0));
  clock.advance(std::chrono::hours(100));
  e->tick(clock.now);
  EXPECT_FALSE(a.close_requested);
}

struct fixed_auth : broker::authenticator {
  broker::auth_decision authenticate(const broker::credentials& c) override {
    if (!c.username) return broker::auth_result::not_authorized;
    if (*c.username == "u" && c.password && c.password->size() == 1 && (*c.password)[0] == 'p') {
      return broker::auth_result::allowed;
    }
    return broker::auth_result::bad_credentials;
  }
};

TEST_F(connect_test, authentication_results_map_to_connack_codes) {
  fixed_auth auth;
  restart(broker::settings{}, &auth);
  auto with = [](std::optional<std::string> user, std::optional<std::string> pass) {
    auto c = connect_packet("a");
    c.username = user;
    if (pass) c.password = to_bytes(*pass);
    return c;
  };
  {
    scripted_peer a{*e, clock};
    a.connect_ok(with("u", "p"));
  }
  {
    scripted_peer a{*e, clock};
    a.send(with("u", "wrong"));
    EXPECT_EQ(a.expect_connack().code, connack_code::bad_username_or_password);
    EXPECT_TRUE(a.closed_by_server());
  }
  {
    scripted_peer a{*e, clock};
    a.send(with(std::nullopt, std::nullopt));
    EXPECT_EQ(a.expect_connack().code, connack_code::not_authorized);
    EXPECT_TRUE(a.closed_by_server());
  }
}

TEST_F(connect_test, max_connections_gets_0x03) {
  broker::settings s;
  s.max_connections = 1;
  restart(s);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  scripted_peer b{*e, clock};
  b.send(connect_packet("b"));
  EXPECT_EQ(b.expect_connack().code, connack_code::server_unavailable);
  EXPECT_TRUE(b.closed_by_server());
  // A takeover of a live id is not a new connection beyond the limit once the old one goes.
  a.drop();
  scripted_peer c{*e, clock};
  c.connect_ok(connect_packet("c"));
}

TEST_F(connect_test, disconnect_closes_without_will_MQTT_3_14_4_3) {
  auto watcher = subscriber("w", "will", 0);
  scripted_peer a{*e, clock};
  auto c = connect_packet("a");
  c.will = mqtt::will_message{"will", to_bytes("x"), 0, false};
  a.connect_ok(c);
  a.send(mqtt::disconnect{});
  EXPECT_TRUE(a.closed_by_server());
  a.drop();
  watcher->expect_nothing();
}

TEST_F(connect_test, will_published_on_abrupt_close_MQTT_3_1_2_8) {
  auto watcher = subscriber("w", "will", 1);
  scripted_peer a{*e, clock};
  auto c = connect_packet("a");
  c.will = mqtt::will_message{"will", to_bytes("bye"), 1, true};
  a.connect_ok(c);
  a.drop();
  auto p = watcher->expect_publish();
  EXPECT_EQ(p.payload, "bye");
  EXPECT_EQ(p.qos, 1);
  EXPECT_FALSE(p.retain) << "RETAIN is 0 towards an established subscription [MQTT-3.3.1-9]";
  // A retained will is retained [MQTT-3.1.2-17].
  scripted_peer late{*e, clock};
  late.connect_ok(connect_packet("late"));
  late.subscribe(1, {{"will", 0}});
  late.expect_suback();
  auto r = late.expect_publish();
  EXPECT_EQ(r.payload, "bye");
  EXPECT_TRUE(r.retain);
}

TEST_F(connect_test, will_published_on_protocol_violation) {
  auto watcher = subscriber("w", "will", 0);
  scripted_peer a{*e, clock};
  auto c = connect_packet("a");
  c.will = mqtt::will_message{"will", to_bytes("bad"), 0, false};
  a.connect_ok(c);
  a.send_raw({0x00, 0x00});  // reserved packet type 0
  EXPECT_TRUE(a.closed_by_server());
  a.drop();
  EXPECT_EQ(watcher->expect_publish().payload, "bad");
}

}  // namespace

namespace {

TEST(connect_first_byte, non_connect_first_byte_closes_without_waiting_for_a_body_MQTT_3_1_0_1) {
  manual_clock clock;
  broker::engine e{broker::settings{}, nullptr, clock.now};
  scripted_peer a{e, clock};
  a.send_raw(to_bytes("GET / HTTP/1.1\r\n"));  // 'G' reads as a PUBACK announcing 32 bytes
  EXPECT_TRUE(a.closed_by_server());
}

}  // namespace

namespace {

// Calls back into the engine from authenticate(): only possible when the engine does not hold its
// lock meanwhile (std::mutex is not recursive: the test would hang).
struct reentrant_auth : broker::authenticator {
  broker::engine* e = nullptr;
  bool close_everyone = false;
  broker::auth_decision authenticate(const broker::credentials&) override {
    (void)e->snapshot();
    if (close_everyone) e->close_all();
    return broker::auth_result::allowed;
  }
};

TEST_F(connect_test, authentication_runs_without_the_engine_lock) {
  reentrant_auth auth;
  restart(broker::settings{}, &auth);
  auth.e = e.get();
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
}

TEST_F(connect_test, a_connection_closed_during_authentication_is_not_connected) {
  reentrant_auth auth;
  restart(broker::settings{}, &auth);
  auth.e = e.get();
  auth.close_everyone = true;
  scripted_peer a{*e, clock};
  a.send(connect_packet("a"));
  EXPECT_TRUE(a.closed_by_server());
  a.expect_nothing();
  EXPECT_EQ(e->snapshot().clients_connected, 0u);
}

}  // namespace
