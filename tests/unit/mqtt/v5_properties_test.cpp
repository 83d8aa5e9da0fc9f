// MQTT 5 properties (section 2.2.2): every property round trips in a packet that allows it, and
// each way a property block can be wrong is refused with its error.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {


// A DISCONNECT whose property block is `props` (reason 0x80 so the block is never left out).
bytes disconnect_with(const bytes& props) {
  bytes wire = {0xe0, static_cast<std::uint8_t>(2 + props.size()), 0x80,
                static_cast<std::uint8_t>(props.size())};
  wire.insert(wire.end(), props.begin(), props.end());
  return wire;
}

// A CONNACK (success) whose property block is `props`.
bytes connack_with(const bytes& props) {
  bytes wire = {0x20, static_cast<std::uint8_t>(3 + props.size()), 0x00, 0x00,
                static_cast<std::uint8_t>(props.size())};
  wire.insert(wire.end(), props.begin(), props.end());
  return wire;
}

std::optional<error> connack_error(const bytes& props) {
  return error_of(decode_connack(frame_of(connack_with(props)), v5));
}

properties every_connack_property() {
  properties p;
  p.session_expiry_interval = 3600;
  p.assigned_client_identifier = "auto-1";
  p.server_keep_alive = 30;
  p.authentication_method = "SCRAM-SHA-256";
  p.authentication_data = bytes{0x00, 0x01, 0xff};
  p.response_information = "reply/";
  p.server_reference = "other:1883";
  p.reason_string = "fine";
  p.receive_maximum = 10;
  p.topic_alias_maximum = 5;
  p.maximum_qos = 1;
  p.retain_available = 0;
  p.user_properties = {{"k", "v"}, {"k", "w"}, {"", ""}};
  p.maximum_packet_size = 1 << 20;
  p.wildcard_subscription_available = 1;
  p.subscription_identifier_available = 0;
  p.shared_subscription_available = 1;
  return p;
}

TEST(v5_properties, every_connack_property_round_trips) {
  connack c;
  c.props = every_connack_property();
  const bytes wire = encoded(c, v5);
  const decoded<connack> d = decode_connack(frame_of(wire), v5);
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_EQ(*d, c);
}

TEST(v5_properties, every_connect_and_will_property_round_trips) {
  connect c;
  c.protocol_level = 5;
  c.client_id = "dev";
  c.props.session_expiry_interval = 60;
  c.props.authentication_method = "SCRAM-SHA-256";
  c.props.authentication_data = bytes{1, 2, 3};
  c.props.request_problem_information = 0;
  c.props.request_response_information = 1;
  c.props.receive_maximum = 100;
  c.props.topic_alias_maximum = 16;
  c.props.user_properties = {{"site", "north"}};
  c.props.maximum_packet_size = 65'536;
  will_message w;
  w.topic = "dev/status";
  w.payload = {'o', 'f', 'f'};
  w.qos = 1;
  w.props.payload_format_indicator = 1;
  w.props.message_expiry_interval = 120;
  w.props.content_type = "text/plain";
  w.props.response_topic = "dev/reply";
  w.props.correlation_data = bytes{9, 9};
  w.props.will_delay_interval = 5;
  w.props.user_properties = {{"a", "b"}};
  c.will = w;
  const bytes wire = encoded(c);
  const decoded<connect> d = decode_connect(frame_of(wire));
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_EQ(*d, c);
}

TEST(v5_properties, are_written_in_identifier_order_with_their_forms) {
  disconnect p;
  p.reason = 0x80;
  p.props.session_expiry_interval = 0x01020304;  // four-byte integer
  p.props.reason_string = "x";                   // UTF-8 string
  p.props.user_properties = {{"k", "v"}};        // string pair
  EXPECT_EQ(hex(encoded(p, v5)),
            "e0 12 80 10 11 01 02 03 04 1f 00 01 78 26 00 01 6b 00 01 76");
}

TEST(v5_properties, subscription_identifier_is_a_variable_byte_integer) {
  subscribe s;
  s.packet_id = 1;
  s.entries = {{"a", 0}};
  s.props.subscription_identifier = 268'435'455;
  EXPECT_EQ(hex(encoded(s, v5)), "82 0c 00 01 05 0b ff ff ff 7f 00 01 61 00");
  const auto d = decode_subscribe(frame_of(encoded(s, v5)), v5);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->props.subscription_identifier, 268'435'455u);
}

TEST(v5_properties, empty_block_is_a_zero_length_MQTT_2_2_2_1) {
  EXPECT_EQ(hex(encoded(connack{}, v5)), "20 03 00 00 00");
  EXPECT_TRUE(properties{}.empty());
  properties p;
  p.user_properties.push_back({"k", "v"});
  EXPECT_FALSE(p.empty());
}

TEST(v5_properties, unknown_identifier_is_malformed) {
  EXPECT_EQ(connack_error({0x7f, 0x00}), error::malformed_property);
  EXPECT_EQ(connack_error({0x00}), error::malformed_property);
}

TEST(v5_properties, value_cut_short_is_malformed) {
  EXPECT_EQ(connack_error({0x21, 0x00}), error::malformed_property);           // 2 bytes: 1 given
  EXPECT_EQ(connack_error({0x1f, 0x00, 0x05, 'a'}), error::malformed_property);  // string of 5
}

TEST(v5_properties, block_longer_than_the_packet_is_truncated) {
  EXPECT_EQ(error_of(decode_connack(frame_of({0x20, 0x03, 0x00, 0x00, 0x05}), v5)),
            error::truncated);
}

TEST(v5_properties, five_byte_variable_integer_is_malformed) {
  const bytes wire = {0x82, 0x0d, 0x00, 0x01, 0x06, 0x0b, 0x80, 0x80, 0x80, 0x80, 0x01,
                      0x00, 0x01, 'a', 0x00};
  EXPECT_EQ(error_of(decode_subscribe(frame_of(wire), v5)), error::malformed_property);
}

TEST(v5_properties, ill_formed_utf8_string_is_refused_MQTT_1_5_4_1) {
  EXPECT_EQ(connack_error({0x1f, 0x00, 0x01, 0xff}), error::invalid_utf8);
  EXPECT_EQ(connack_error({0x26, 0x00, 0x01, 'k', 0x00, 0x01, 0x00}), error::invalid_utf8);
}

TEST(v5_properties, property_not_allowed_in_the_packet_is_malformed) {
  EXPECT_EQ(connack_error({0x17, 0x01}), error::malformed_property);  // request problem info
  EXPECT_EQ(connack_error({0x23, 0x00, 0x01}), error::malformed_property);  // topic alias
  EXPECT_EQ(error_of(decode_disconnect(frame_of(disconnect_with({0x21, 0x00, 0x01})), v5)),
            error::malformed_property);  // receive maximum
}

TEST(v5_properties, single_valued_property_given_twice_is_a_protocol_error) {
  EXPECT_EQ(connack_error({0x21, 0x00, 0x01, 0x21, 0x00, 0x02}), error::protocol_error_property);
  EXPECT_EQ(connack_error({0x1f, 0x00, 0x00, 0x1f, 0x00, 0x00}), error::protocol_error_property);
}

TEST(v5_properties, user_properties_repeat_and_keep_their_order) {
  const bytes props = {0x26, 0x00, 0x01, 'b', 0x00, 0x00, 0x26, 0x00, 0x01, 'a', 0x00, 0x00,
                       0x26, 0x00, 0x01, 'b', 0x00, 0x01, '2'};
  const auto d = decode_connack(frame_of(connack_with(props)), v5);
  ASSERT_TRUE(d);
  const std::vector<user_property> want = {{"b", ""}, {"a", ""}, {"b", "2"}};
  EXPECT_EQ(d->props.user_properties, want);
}

TEST(v5_properties, zero_receive_maximum_is_a_protocol_error) {
  EXPECT_EQ(connack_error({0x21, 0x00, 0x00}), error::protocol_error_property);
}

TEST(v5_properties, zero_maximum_packet_size_is_a_protocol_error) {
  EXPECT_EQ(connack_error({0x27, 0x00, 0x00, 0x00, 0x00}), error::protocol_error_property);
}

TEST(v5_properties, flags_other_than_0_or_1_are_a_protocol_error) {
  for (const std::uint8_t id : {0x24, 0x25, 0x28, 0x29, 0x2a}) {
    EXPECT_EQ(connack_error({id, 0x02}), error::protocol_error_property) << int{id};
    EXPECT_FALSE(connack_error({id, 0x01})) << int{id};
  }
}

// A v5 CONNECT with the given CONNECT property block and client id "c".
bytes connect_with(const bytes& props) {
  bytes wire = {0x10, 0x00, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x00,
                static_cast<std::uint8_t>(props.size())};
  wire.insert(wire.end(), props.begin(), props.end());
  wire.insert(wire.end(), {0x00, 0x01, 'c'});
  wire[1] = static_cast<std::uint8_t>(wire.size() - 2);
  return wire;
}

TEST(v5_properties, request_problem_and_response_information_are_0_or_1) {
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with({0x17, 0x02})))),
            error::protocol_error_property);
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with({0x19, 0x02})))),
            error::protocol_error_property);
  EXPECT_TRUE(decode_connect(frame_of(connect_with({0x17, 0x00, 0x19, 0x01}))));
}

TEST(v5_properties, authentication_data_needs_a_method) {
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with({0x16, 0x00, 0x01, 0x07})))),
            error::protocol_error_property);
}

TEST(v5_properties, subscription_identifier_zero_or_twice_is_a_protocol_error) {
  EXPECT_EQ(error_of(decode_subscribe(frame_of({0x82, 0x09, 0x00, 0x01, 0x02, 0x0b, 0x00, 0x00,
                                                0x01, 'a', 0x00}),
                                       v5)),
            error::protocol_error_property);
  EXPECT_EQ(error_of(decode_subscribe(frame_of({0x82, 0x0b, 0x00, 0x01, 0x04, 0x0b, 0x01, 0x0b,
                                                0x02, 0x00, 0x01, 'a', 0x00}),
                                       v5)),
            error::protocol_error_property);
}

TEST(v5_properties, will_properties_are_checked_as_will_properties) {
  // CONNECT v5 with a will whose properties hold a topic alias (PUBLISH only).
  const bytes wire = {0x10, 0x17, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x06, 0x00, 0x00,
                      0x00,                    // CONNECT properties: none
                      0x00, 0x01, 'c',         // client id
                      0x03, 0x23, 0x00, 0x01,  // will properties: topic alias 1
                      0x00, 0x01, 't', 0x00, 0x00};
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::malformed_property);
}

}  // namespace
}  // namespace roost::mqtt
