// PUBLISH: QoS 0/1/2 with dup and retain, the header-only encoder, and the rules of 3.3.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

byte_view view(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(decode_publish, round_trips_qos_0) {
  const bytes wire = {
      0x30, 0x07,                  // PUBLISH, dup 0, qos 0, retain 0; remaining length 7
      0x00, 0x03, 'a', '/', 'b',   // topic "a/b"
      'h', 'i',                    // payload "hi" (no packet id at qos 0)
  };
  expect_round_trip_v3(wire, publish{false, 0, false, "a/b", 0, view("hi")}, decode_publish);
}

TEST(decode_publish, round_trips_qos_1_dup_retain) {
  const bytes wire = {
      0x3b, 0x0b,                  // PUBLISH, dup 1, qos 1, retain 1; remaining length 11
      0x00, 0x03, 'a', '/', 'b',   // topic "a/b"
      0x00, 0x07,                  // packet id 7
      'h', 'e', 'y', '!',          // payload "hey!"
  };
  expect_round_trip_v3(wire, publish{true, 1, true, "a/b", 7, view("hey!")}, decode_publish);
}

TEST(decode_publish, round_trips_qos_2_empty_payload) {
  const bytes wire = {
      0x34, 0x05,                  // PUBLISH, dup 0, qos 2, retain 0; remaining length 5
      0x00, 0x01, 't',             // topic "t"
      0xff, 0xff,                  // packet id 65535; payload empty
  };
  expect_round_trip_v3(wire, publish{false, 2, false, "t", 65535, {}}, decode_publish);
}

TEST(decode_publish, round_trips_retain_qos_0_and_dup_qos_2) {
  const bytes retained = {
      0x31, 0x04,                  // PUBLISH, qos 0, retain 1; remaining length 4
      0x00, 0x01, 't',             // topic "t"
      'x',                         // payload "x"
  };
  expect_round_trip_v3(retained, publish{false, 0, true, "t", 0, view("x")}, decode_publish);
  const bytes resent = {
      0x3c, 0x05,                  // PUBLISH, dup 1, qos 2, retain 0; remaining length 5
      0x00, 0x01, 't',             // topic "t"
      0x01, 0x00,                  // packet id 256
  };
  expect_round_trip_v3(resent, publish{true, 2, false, "t", 256, {}}, decode_publish);
}

TEST(decode_publish, topic_and_payload_view_the_frame) {
  const bytes wire = {
      0x30, 0x04,                  // PUBLISH, qos 0; remaining length 4
      0x00, 0x01, 't',             // topic "t"
      'x',                         // payload "x"
  };
  const auto d = decode_publish(frame_of(wire), protocol_version::v3_1_1);
  ASSERT_TRUE(d);
  EXPECT_EQ(reinterpret_cast<const std::uint8_t*>(d->topic.data()), wire.data() + 4);
  EXPECT_EQ(d->payload.data(), wire.data() + 5);
}

TEST(encode_publish_header, plus_payload_equals_encode_publish) {
  bytes payload(300, 0x5a);  // long enough for a two-byte remaining length
  const publish p{false, 1, true, "sensors/t1", 42, payload};
  bytes out = {0xaa};  // something already queued: the header must append
  const std::size_t id_at = encode_publish_header(p.topic, p.qos, p.retain, p.dup, p.packet_id,
                                                  payload.size(), out);
  out.insert(out.end(), payload.begin(), payload.end());

  bytes expected = {0xaa};
  encode(p, expected);
  EXPECT_EQ(hex(out), hex(expected));
  ASSERT_EQ(id_at, 1u + 1 + 2 + 2 + 10);  // queued byte, type, 2 length bytes, topic
  EXPECT_EQ(out[id_at], 0x00);
  EXPECT_EQ(out[id_at + 1], 42);
}

TEST(encode_publish_header, returns_zero_for_qos_0) {
  bytes out;
  EXPECT_EQ(encode_publish_header("t", 0, false, false, 0, 2, out), 0u);
  EXPECT_EQ(hex(out), "30 05 00 01 74");  // remaining length counts the 2 payload bytes
}

TEST(encode_publish_header, packet_id_can_be_patched_per_subscriber) {
  bytes header;
  const std::size_t id_at = encode_publish_header("a/b", 1, false, false, 1, 0, header);
  header[id_at] = 0x12;
  header[id_at + 1] = 0x34;
  const auto d = decode_publish(frame_of(header), protocol_version::v3_1_1);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->packet_id, 0x1234);
}

TEST(decode_publish, rejects_qos_3_MQTT_3_3_1_4) {
  const bytes wire = {
      0x36, 0x05,                  // PUBLISH, qos 3; remaining length 5
      0x00, 0x01, 't',             // topic "t"
      0x00, 0x01,                  // packet id 1
  };
  EXPECT_EQ(v3_error(wire, decode_publish), error::invalid_qos);
}

TEST(decode_publish, rejects_dup_with_qos_0_MQTT_3_3_1_2) {
  const bytes wire = {
      0x38, 0x03,                  // PUBLISH, dup 1, qos 0; remaining length 3
      0x00, 0x01, 't',             // topic "t"
  };
  EXPECT_EQ(v3_error(wire, decode_publish), error::bad_fixed_header_flags);
}

TEST(decode_publish, rejects_wildcards_in_topic_MQTT_3_3_2_2) {
  for (const std::uint8_t wildcard : {'+', '#'}) {
    const bytes wire = {
        0x30, 0x05,                    // PUBLISH, qos 0; remaining length 5
        0x00, 0x03, 'a', '/', wildcard,  // topic "a/+" or "a/#"
    };
    EXPECT_EQ(v3_error(wire, decode_publish), error::invalid_topic_name) << wildcard;
  }
}

TEST(decode_publish, rejects_empty_topic_MQTT_4_7_3_1) {
  const bytes wire = {
      0x30, 0x03,                  // PUBLISH, qos 0; remaining length 3
      0x00, 0x00,                  // topic ""
      'x',                         // payload
  };
  EXPECT_EQ(v3_error(wire, decode_publish), error::invalid_topic_name);
}

TEST(decode_publish, rejects_zero_packet_id_MQTT_2_3_1_1) {
  const bytes wire = {
      0x32, 0x05,                  // PUBLISH, qos 1; remaining length 5
      0x00, 0x01, 't',             // topic "t"
      0x00, 0x00,                  // packet id 0
  };
  EXPECT_EQ(v3_error(wire, decode_publish), error::zero_packet_id);
}

TEST(decode_publish, rejects_surrogate_in_topic_MQTT_1_5_3_1) {
  const bytes wire = {
      0x30, 0x05,                  // PUBLISH, qos 0; remaining length 5
      0x00, 0x03, 0xed, 0xa0, 0x80,  // topic: U+D800, a surrogate
  };
  EXPECT_EQ(v3_error(wire, decode_publish), error::invalid_utf8);
}

TEST(decode_publish, rejects_null_character_in_topic_MQTT_1_5_3_2) {
  const bytes wire = {
      0x30, 0x05,                  // PUBLISH, qos 0; remaining length 5
      0x00, 0x03, 'a', 0x00, 'b',  // topic "a\0b"
  };
  EXPECT_EQ(v3_error(wire, decode_publish), error::invalid_utf8);
}

TEST(decode_publish, rejects_topic_longer_than_body) {
  const bytes wire = {
      0x30, 0x04,                  // PUBLISH, qos 0; remaining length 4
      0x00, 0x05, 'a', 'b',        // topic length 5, only 2 bytes follow
  };
  EXPECT_EQ(v3_error(wire, decode_publish), error::truncated);
}

TEST(decode_publish, rejects_missing_packet_id) {
  const bytes wire = {
      0x32, 0x04,                  // PUBLISH, qos 1; remaining length 4
      0x00, 0x01, 't',             // topic "t"
      0x07,                        // half a packet id
  };
  EXPECT_EQ(v3_error(wire, decode_publish), error::truncated);
}

TEST(decode_publish, refuses_an_unknown_protocol_version) {
  const bytes wire = {0x30, 0x03, 0x00, 0x01, 't'};
  EXPECT_EQ(error_of(decode_publish(frame_of(wire), static_cast<protocol_version>(6))),
            error::unexpected_packet);
}

}  // namespace
}  // namespace roost::mqtt
