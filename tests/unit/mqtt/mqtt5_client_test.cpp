// The MQTT 5 forms a client needs: CONNECT, PUBLISH and SUBSCRIBE written with empty properties
// (CONNECT's session expiry aside), and CONNACK, PUBLISH, the publish acknowledgements and SUBACK
// read with their properties checked.

#include <array>

#include "codec_support.hpp"
#include "roost/mqtt/encode_into.hpp"

namespace roost::mqtt {
namespace {


template <class P>
std::string encoded_v5(const P& p) {
  std::array<std::uint8_t, 256> buf{};
  const std::size_t n = encode_into(p, v5, buf);
  EXPECT_EQ(n, encoded_size(p, v5));
  return hex(byte_view{buf.data(), n});
}

TEST(encode_into_v5, connect_has_empty_properties) {
  connect_view c;
  c.protocol_level = 5;
  c.keep_alive = 60;
  c.client_id = "c";
  std::array<std::uint8_t, 64> buf{};
  const std::size_t n = encode_into(c, buf);
  EXPECT_EQ(hex(byte_view{buf.data(), n}),
            "10 0e 00 04 4d 51 54 54 05 02 00 3c 00 00 01 63");
  EXPECT_EQ(n, encoded_size(c));
}

TEST(encode_into_v5, connect_writes_the_session_expiry) {
  connect_view c;
  c.protocol_level = 5;
  c.clean_session = false;
  c.client_id = "c";
  c.session_expiry = 300;
  std::array<std::uint8_t, 64> buf{};
  const std::size_t n = encode_into(c, buf);
  EXPECT_EQ(hex(byte_view{buf.data(), n}),
            "10 13 00 04 4d 51 54 54 05 00 00 00 05 11 00 00 01 2c 00 01 63");
}

TEST(encode_into_v5, connect_session_expiry_is_ignored_before_mqtt_5) {
  connect_view c;
  c.client_id = "c";
  c.session_expiry = 300;
  std::array<std::uint8_t, 64> buf{};
  const std::size_t n = encode_into(c, buf);
  EXPECT_EQ(hex(byte_view{buf.data(), n}), "10 0d 00 04 4d 51 54 54 04 02 00 00 00 01 63");
}

TEST(encode_into_v5, publish_has_empty_properties_after_the_packet_id) {
  const std::array<std::uint8_t, 2> payload{'h', 'i'};
  EXPECT_EQ(encoded_v5(publish{false, 1, false, "t", 7, payload}),
            "32 08 00 01 74 00 07 00 68 69");
  EXPECT_EQ(encoded_v5(publish{false, 0, false, "t", 0, payload}), "30 06 00 01 74 00 68 69");
}

TEST(encode_into_v5, publish_in_3_1_1_is_unchanged) {
  const std::array<std::uint8_t, 2> payload{'h', 'i'};
  std::array<std::uint8_t, 64> buf{};
  const publish p{false, 1, false, "t", 7, payload};
  const std::size_t n = encode_into(p, protocol_version::v3_1_1, buf);
  EXPECT_EQ(hex(byte_view{buf.data(), n}), "32 07 00 01 74 00 07 68 69");
}

TEST(encode_into_v5, subscribe_has_empty_properties) {
  const std::array<subscription_view, 1> entries{subscription_view{"a/+", 2}};
  EXPECT_EQ(encoded_v5(subscribe_view{9, entries}), "82 09 00 09 00 00 03 61 2f 2b 02");
}

TEST(decode_v5, connack_skips_properties) {
  // session present, reason 0, properties: receive maximum (0x21) 10
  const decoded<connack> d =
      decode_connack(frame_of({0x20, 0x06, 0x01, 0x00, 0x03, 0x21, 0x00, 0x0a}), v5);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->session_present);
  EXPECT_EQ(d->code, connack_code::accepted);
}

TEST(decode_v5, connack_keeps_a_refusal_reason_code) {
  const decoded<connack> d = decode_connack(frame_of({0x20, 0x03, 0x00, 0x84, 0x00}), v5);
  ASSERT_TRUE(d);
  EXPECT_EQ(static_cast<int>(d->code), 0x84);  // unsupported protocol version
}

TEST(decode_v5, connack_without_properties_is_truncated) {
  EXPECT_EQ(error_of(decode_connack(frame_of({0x20, 0x02, 0x00, 0x00}), v5)), error::truncated);
}

TEST(decode_v5, publish_skips_properties) {
  // qos 1, topic "t", packet id 7, properties: payload format indicator (0x01) 1, payload "hi"
  const bytes wire = {0x32, 0x0a, 0x00, 0x01, 't', 0x00, 0x07, 0x02, 0x01, 0x01, 'h', 'i'};
  const decoded<publish> d = decode_publish(frame_of(wire), v5);  // views into `wire`
  ASSERT_TRUE(d);
  EXPECT_EQ(d->topic, "t");
  EXPECT_EQ(d->packet_id, 7);
  EXPECT_EQ(hex(d->payload), "68 69");
}

TEST(decode_v5, publish_with_an_overlong_property_length_is_truncated) {
  EXPECT_EQ(error_of(decode_publish(frame_of({0x30, 0x05, 0x00, 0x01, 't', 0x05, 'x'}), v5)),
            error::truncated);
}

TEST(decode_v5, publish_with_a_five_byte_property_length_is_malformed) {
  EXPECT_EQ(error_of(decode_publish(
                frame_of({0x30, 0x08, 0x00, 0x01, 't', 0x80, 0x80, 0x80, 0x80, 0x01}), v5)),
            error::malformed_property);
}

TEST(decode_v5, acks_read_the_short_and_long_forms) {
  EXPECT_EQ(decode_puback(frame_of({0x40, 0x02, 0x00, 0x07}), v5)->packet_id, 7);
  EXPECT_EQ(decode_puback(frame_of({0x40, 0x03, 0x00, 0x07, 0x10}), v5)->packet_id, 7);
  EXPECT_EQ(decode_pubrec(frame_of({0x50, 0x04, 0x00, 0x07, 0x00, 0x00}), v5)->packet_id, 7);
  EXPECT_EQ(decode_pubrel(frame_of({0x62, 0x02, 0x00, 0x07}), v5)->packet_id, 7);
  EXPECT_EQ(decode_pubcomp(frame_of({0x70, 0x03, 0x00, 0x07, 0x00}), v5)->packet_id, 7);
}

TEST(decode_v5, suback_skips_properties_and_accepts_v5_refusals) {
  const bytes wire = {0x90, 0x05, 0x00, 0x09, 0x00, 0x01, 0x87};
  const decoded<suback_view> d = decode_suback_view(frame_of(wire), v5);  // views into `wire`
  ASSERT_TRUE(d);
  EXPECT_EQ(d->packet_id, 9);
  EXPECT_EQ(hex(d->return_codes), "01 87");
}

TEST(decode_v5, suback_refusals_above_0x80_stay_invalid_in_3_1_1) {
  EXPECT_EQ(v3_error({0x90, 0x03, 0x00, 0x09, 0x87}, decode_suback), error::invalid_qos);
}

TEST(decode_v5, connack_properties_give_receive_maximum_and_maximum_qos) {
  // properties: assigned client id "ab", receive maximum 20, maximum QoS 1, user property k=v
  const bytes wire = {0x20, 0x14, 0x00, 0x00, 0x11, 0x12, 0x00, 0x02, 'a', 'b', 0x21, 0x00, 0x14,
                      0x24, 0x01, 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'};
  const decoded<connack_properties> d = decode_connack_properties(frame_of(wire));
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_EQ(d->receive_maximum, 20);
  EXPECT_EQ(d->maximum_qos, 1);
}

TEST(decode_v5, connack_properties_default_when_absent) {
  const decoded<connack_properties> d = decode_connack_properties(frame_of({0x20, 0x03, 0x00, 0x00, 0x00}));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->receive_maximum, 65'535);
  EXPECT_EQ(d->maximum_qos, 2);
}

TEST(decode_v5, connack_properties_reject_an_unknown_property) {
  EXPECT_FALSE(decode_connack_properties(frame_of({0x20, 0x05, 0x00, 0x00, 0x02, 0x7f, 0x00})));
}

TEST(decode_v5, ack_reason_code_of_short_and_long_forms) {
  EXPECT_EQ(ack_reason_code(frame_of({0x40, 0x02, 0x00, 0x07})), 0);
  EXPECT_EQ(ack_reason_code(frame_of({0x50, 0x03, 0x00, 0x07, 0x97})), 0x97);
}

}  // namespace
}  // namespace roost::mqtt
