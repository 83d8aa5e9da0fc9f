// Conversation tests of MQTT 5 enhanced authentication (section 4.12) with a scripted method
// "TEST": the client sends "hello", the server challenges "who?", the client answers "me" (any
// other answer fails) and the server ends with "welcome".

#include "v5_messages.hpp"

using namespace roost;
using namespace roost::test;
using mqtt::reason_code;

namespace {

class test_exchange : public broker::auth_exchange {
 public:
  broker::auth_step step(mqtt::byte_view data) override {
    const std::string text(data.begin(), data.end());
    broker::auth_step s;
    if (_turn++ == 0) {
      s.done = text != "hello";
      s.decision = broker::auth_result::bad_credentials;
      s.data = to_bytes("who?");
      return s;
    }
    s.done = true;
    s.decision = text == "me" ? broker::auth_result::allowed : broker::auth_result::bad_credentials;
    s.username = "me";
    if (text == "me") s.data = to_bytes("welcome");
    return s;
  }

 private:
  int _turn = 0;
};

struct test_authenticator : broker::authenticator {
  broker::auth_decision authenticate(const broker::credentials&) override { return {}; }
  std::unique_ptr<broker::auth_exchange> start_exchange(std::string_view method, std::string_view) override {
    if (method != "TEST") return nullptr;
    return std::make_unique<test_exchange>();
  }
};

mqtt::connect auth_connect(std::optional<std::string> method, std::string data = "hello") {
  auto c = connect_packet("a");
  c.protocol_level = 5;
  if (method) c.props.authentication_data = to_bytes(data);
  c.props.authentication_method = std::move(method);
  return c;
}

mqtt::auth auth_packet(reason_code rc, std::string method, std::string data) {
  mqtt::auth a;
  a.reason = byte(rc);
  a.props.authentication_method = std::move(method);
  a.props.authentication_data = to_bytes(data);
  return a;
}

struct v5_auth_test : engine_fixture {
  test_authenticator auth;
  v5_auth_test() { restart(broker::settings{}, &auth); }

  // Connects through the whole exchange.
  void authenticate(scripted_peer& p) {
    p.send(auth_connect("TEST"));
    const auto challenge = p.expect_auth();
    EXPECT_EQ(challenge.reason, byte(reason_code::continue_authentication));
    p.send(auth_packet(reason_code::continue_authentication, "TEST", "me"));
    EXPECT_EQ(p.expect_connack().reason, 0);
  }
};

TEST_F(v5_auth_test, ExchangeOfAuthPacketsEndsWithConnack_MQTT_4_12_0_2) {
  scripted_peer a{*e, clock};
  a.send(auth_connect("TEST"));
  const auto challenge = a.expect_auth();
  EXPECT_EQ(challenge.reason, byte(reason_code::continue_authentication));
  EXPECT_EQ(challenge.props.authentication_method, "TEST") << "[MQTT-4.12.0-5]";
  EXPECT_EQ(challenge.props.authentication_data, to_bytes("who?"));
  EXPECT_EQ(e->snapshot().clients_connected, 0u) << "not connected before CONNACK";
  a.send(auth_packet(reason_code::continue_authentication, "TEST", "me"));
  const auto ack = a.expect_connack();
  EXPECT_EQ(ack.reason, 0);
  EXPECT_EQ(ack.props.authentication_method, "TEST") << "[MQTT-4.12.0-5]";
  EXPECT_EQ(ack.props.authentication_data, to_bytes("welcome"));
  EXPECT_EQ(e->snapshot().clients_connected, 1u);
}

TEST_F(v5_auth_test, WrongAnswerGetsConnack0x86_MQTT_4_12_0_4) {
  scripted_peer a{*e, clock};
  a.send(auth_connect("TEST"));
  a.expect_auth();
  a.send(auth_packet(reason_code::continue_authentication, "TEST", "you"));
  EXPECT_EQ(a.expect_connack().reason, byte(reason_code::bad_user_name_or_password));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_auth_test, UnknownMethodGetsConnack0x8C_MQTT_4_12_0_1) {
  scripted_peer a{*e, clock};
  a.send(auth_connect("OTHER"));
  EXPECT_EQ(a.expect_connack().reason, byte(reason_code::bad_authentication_method));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_auth_test, MethodWithoutAnAuthenticatorGetsConnack0x8C_MQTT_4_12_0_1) {
  restart(broker::settings{});
  scripted_peer a{*e, clock};
  a.send(auth_connect("TEST"));
  EXPECT_EQ(a.expect_connack().reason, byte(reason_code::bad_authentication_method));
}

TEST_F(v5_auth_test, OtherPacketDuringTheExchangeIsRefused_MQTT_4_12_0_3) {
  scripted_peer a{*e, clock};
  a.send(auth_connect("TEST"));
  a.expect_auth();
  a.send(mqtt::pingreq{});
  EXPECT_EQ(a.expect_connack().reason, byte(reason_code::protocol_error));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_auth_test, AuthWithAnotherMethodDuringTheExchangeIsRefused_MQTT_4_12_0_5) {
  scripted_peer a{*e, clock};
  a.send(auth_connect("TEST"));
  a.expect_auth();
  a.send(auth_packet(reason_code::continue_authentication, "OTHER", "me"));
  EXPECT_EQ(a.expect_connack().reason, byte(reason_code::protocol_error));
}

TEST_F(v5_auth_test, ExchangeMustFinishWithinTheConnectTimeout) {
  scripted_peer a{*e, clock};
  a.send(auth_connect("TEST"));
  a.expect_auth();
  clock.advance(cfg.connect_timeout);
  e->tick(clock.now);
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_auth_test, ReAuthenticationEndsWithAuthSuccess_MQTT_4_12_1_1) {
  scripted_peer a{*e, clock};
  authenticate(a);
  a.send(auth_packet(reason_code::re_authenticate, "TEST", "hello"));
  EXPECT_EQ(a.expect_auth().reason, byte(reason_code::continue_authentication));
  a.send(auth_packet(reason_code::continue_authentication, "TEST", "me"));
  const auto done = a.expect_auth();
  EXPECT_EQ(done.reason, byte(reason_code::success));
  EXPECT_EQ(done.props.authentication_method, "TEST");
  EXPECT_FALSE(a.close_requested);
  a.send(mqtt::pingreq{});
  a.expect_pingresp();
}

TEST_F(v5_auth_test, FailedReAuthenticationDisconnectsWith0x87_MQTT_4_12_1_2) {
  scripted_peer a{*e, clock};
  authenticate(a);
  a.send(auth_packet(reason_code::re_authenticate, "TEST", "hello"));
  a.expect_auth();
  a.send(auth_packet(reason_code::continue_authentication, "TEST", "you"));
  EXPECT_EQ(a.expect_disconnect().reason, byte(reason_code::not_authorized));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_auth_test, ReAuthenticationWithAnotherMethodIsAProtocolError_MQTT_4_12_1_1) {
  scripted_peer a{*e, clock};
  authenticate(a);
  a.send(auth_packet(reason_code::re_authenticate, "OTHER", "hello"));
  EXPECT_EQ(a.expect_disconnect().reason, byte(reason_code::protocol_error));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(v5_auth_test, AuthWithoutAMethodInConnectIsAProtocolError_MQTT_4_12_0_7) {
  scripted_peer a{*e, clock};
  a.send(auth_connect(std::nullopt, ""));
  EXPECT_EQ(a.expect_connack().reason, 0);
  a.send(auth_packet(reason_code::re_authenticate, "TEST", "hello"));
  EXPECT_EQ(a.expect_disconnect().reason, byte(reason_code::protocol_error));
}

}  // namespace
