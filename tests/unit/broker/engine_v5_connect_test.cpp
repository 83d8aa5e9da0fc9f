// Conversation tests of MQTT 5 at connection level: CONNECT accepted, CONNACK properties, refusal
// reason codes, Server Keep Alive, server DISCONNECT reason codes (takeover, keepalive, shutdown,
// redirection).

#include "v5_messages.hpp"

using namespace roost;
using namespace roost::test;
using mqtt::reason_code;

namespace {

struct allow_nobody : broker::authenticator {
  broker::auth_result result = broker::auth_result::bad_credentials;
  broker::auth_decision authenticate(const broker::credentials&) override { return result; }
};

using v5_connect_test = engine_fixture;

TEST_F(v5_connect_test, AcceptsMqtt5AndAdvertisesWhatTheServerSupports_MQTT_3_2_2_9_to_22) {
  scripted_peer a{*e, clock};
  a.send(v5_connect("a"));
  const auto ack = a.expect_connack();
  EXPECT_EQ(ack.reason, 0);
  EXPECT_FALSE(ack.session_present);
  EXPECT_EQ(ack.props.receive_maximum, cfg.receive_maximum);
  EXPECT_FALSE(ack.props.maximum_qos) << "absent: QoS 2 is supported";
  EXPECT_EQ(ack.props.retain_available, 1);
  EXPECT_EQ(ack.props.maximum_packet_size, cfg.max_packet_size);
  EXPECT_EQ(ack.props.topic_alias_maximum, cfg.topic_alias_maximum);
  EXPECT_EQ(ack.props.wildcard_subscription_available, 1);
  EXPECT_EQ(ack.props.subscription_identifier_available, 1);
  EXPECT_EQ(ack.props.shared_subscription_available, 1);
  EXPECT_FALSE(ack.props.assigned_client_identifier);
  EXPECT_FALSE(ack.props.server_keep_alive);
  EXPECT_FALSE(ack.props.session_expiry_interval);
  EXPECT_EQ(e->snapshot().clients_connected, 1u);
}

TEST_F(v5_connect_test, MaximumQosIsAdvertisedWhenBelowTwo_MQTT_3_2_2_9) {
  broker::settings s;
  s.max_qos = 1;
  restart(s);
  scripted_peer a{*e, clock};
  a.send(v5_connect("a"));
  EXPECT_EQ(a.expect_connack().props.maximum_qos, 1);
}

TEST_F(v5_connect_test, EmptyClientIdIsAssignedAndReturned_MQTT_3_2_2_16) {
  scripted_peer a{*e, clock};
  a.send(v5_connect("", false));
  const auto ack = a.expect_connack();
  EXPECT_EQ(ack.reason, 0);
  ASSERT_TRUE(ack.props.assigned_client_identifier);
  EXPECT_FALSE(ack.props.assigned_client_identifier->empty());
  scripted_peer b{*e, clock};
  b.send(v5_connect(""));
  EXPECT_NE(b.expect_connack().props.assigned_client_identifier, ack.props.assigned_client_identifier);
}

TEST_F(v5_connect_test, LaterProtocolLevelGets0x84InTheMqtt5Form_MQTT_3_1_2_2) {
  scripted_peer a{*e, clock};
  auto c = connect_packet("a");
  c.protocol_level = 6;
  a.send(c);
  EXPECT_EQ(a.expect_connack().reason, byte(reason_code::unsupported_protocol_version));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_connect_test, RefusalsCarryMqtt5ReasonCodes_MQTT_3_2_2_7) {
  allow_nobody auth;
  restart(broker::settings{}, &auth);
  const std::pair<broker::auth_result, reason_code> cases[] = {
      {broker::auth_result::bad_credentials, reason_code::bad_user_name_or_password},
      {broker::auth_result::not_authorized, reason_code::not_authorized},
  };
  for (const auto& [result, rc] : cases) {
    auth.result = result;
    scripted_peer a{*e, clock};
    a.send(v5_connect("a"));
    EXPECT_EQ(a.expect_connack().reason, byte(rc));
    EXPECT_TRUE(a.closed_by_server());
  }
}

TEST_F(v5_connect_test, TooManyConnectionsGets0x89) {
  broker::settings s;
  s.max_connections = 1;
  restart(s);
  scripted_peer a{*e, clock};
  a.send(v5_connect("a"));
  EXPECT_EQ(a.expect_connack().reason, 0);
  scripted_peer b{*e, clock};
  b.send(v5_connect("b"));
  EXPECT_EQ(b.expect_connack().reason, byte(reason_code::server_busy));
  EXPECT_TRUE(b.closed_by_server());
}

TEST_F(v5_connect_test, MovedServerRefusesWith0x9DAndTheReference_MQTT_4_11) {
  broker::settings s;
  s.server_reference = "other.example:1883";
  s.server_moved = true;
  restart(s);
  scripted_peer a{*e, clock};
  a.send(v5_connect("a"));
  const auto ack = a.expect_connack();
  EXPECT_EQ(ack.reason, byte(reason_code::server_moved));
  EXPECT_EQ(ack.props.server_reference, "other.example:1883");
  scripted_peer old{*e, clock};
  old.send(connect_packet("b"));
  EXPECT_EQ(old.expect_connack().code, mqtt::connack_code::server_unavailable) << "3.1.1 cannot be redirected";
}

TEST_F(v5_connect_test, ServerKeepAliveReplacesALongerOne_MQTT_3_2_2_21) {
  broker::settings s;
  s.max_keepalive = 10;
  restart(s);
  scripted_peer a{*e, clock};
  a.send(v5_connect("a", true, std::nullopt, 60));
  EXPECT_EQ(a.expect_connack().props.server_keep_alive, 10);
  clock.advance(seconds(14));
  e->tick(clock.now);
  EXPECT_FALSE(a.close_requested) << "held to 1.5 x 10 s, not to 60 s";
  clock.advance(seconds(2));
  e->tick(clock.now);
  EXPECT_EQ(a.expect_disconnect().reason, byte(reason_code::keep_alive_timeout));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_connect_test, ServerKeepAliveReplacesZero_MQTT_3_2_2_21) {
  broker::settings s;
  s.max_keepalive = 10;
  restart(s);
  scripted_peer a{*e, clock};
  a.send(v5_connect("a", true, std::nullopt, 0));
  EXPECT_EQ(a.expect_connack().props.server_keep_alive, 10);
  scripted_peer b{*e, clock};
  b.send(v5_connect("b", true, std::nullopt, 5));
  EXPECT_FALSE(b.expect_connack().props.server_keep_alive) << "a shorter keepalive is kept";
}

TEST_F(v5_connect_test, Mqtt311ClientKeepsItsOwnKeepalive) {
  broker::settings s;
  s.max_keepalive = 10;
  restart(s);
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a", true, 60));
  clock.advance(seconds(80));
  e->tick(clock.now);
  EXPECT_FALSE(a.close_requested);
  clock.advance(seconds(11));
  e->tick(clock.now);
  EXPECT_TRUE(a.closed_by_server());
  a.expect_nothing();  // no DISCONNECT in 3.1.1
}

TEST_F(v5_connect_test, TakenOverConnectionGetsDisconnect0x8E_MQTT_3_1_4_3) {
  scripted_peer a{*e, clock};
  a.send(v5_connect("same"));
  a.expect_connack();
  scripted_peer b{*e, clock};
  b.send(v5_connect("same"));
  EXPECT_EQ(b.expect_connack().reason, 0);
  EXPECT_EQ(a.expect_disconnect().reason, byte(reason_code::session_taken_over));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_connect_test, ShutdownSendsDisconnect0x8BToMqtt5ClientsOnly) {
  scripted_peer a{*e, clock};
  a.send(v5_connect("a"));
  a.expect_connack();
  scripted_peer old{*e, clock};
  old.connect_ok(connect_packet("b"));
  EXPECT_EQ(e->close_all(), 2u);
  EXPECT_EQ(a.expect_disconnect().reason, byte(reason_code::server_shutting_down));
  EXPECT_TRUE(a.closed_by_server());
  EXPECT_TRUE(old.closed_by_server());
  old.expect_nothing();
}

TEST_F(v5_connect_test, ShutdownPointsToAnotherServerWhenConfigured_MQTT_4_11) {
  broker::settings s;
  s.server_reference = "backup:1883";
  restart(s);
  scripted_peer a{*e, clock};
  a.send(v5_connect("a"));
  a.expect_connack();
  e->close_all();
  const auto d = a.expect_disconnect();
  EXPECT_EQ(d.reason, byte(reason_code::use_another_server));
  EXPECT_EQ(d.props.server_reference, "backup:1883");
}

TEST_F(v5_connect_test, MalformedPacketAfterConnackGetsDisconnectWithReason_MQTT_4_13_1_1) {
  scripted_peer a{*e, clock};
  a.send(v5_connect("a"));
  a.expect_connack();
  a.send_raw({0x30, 0x02, 0x00, 0x05});  // PUBLISH whose topic length runs past the body
  const auto d = a.expect_disconnect();
  EXPECT_GE(d.reason, 0x80);
  EXPECT_TRUE(a.closed_by_server());
}

}  // namespace
