// SUBSCRIBE and the rules of section 3.8.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(decode_subscribe, round_trips_one_filter) {
  const bytes wire = {
      0x82, 0x0a,                          // SUBSCRIBE, flags 0b0010, remaining length 10
      0x00, 0x07,                          // packet id 7
      0x00, 0x05, 'a', '/', 'b', '/', 'c', // filter "a/b/c"
      0x01,                                // requested QoS 1
  };
  expect_round_trip_v3(wire, subscribe{7, {{"a/b/c", 1}}}, decode_subscribe);
}

TEST(decode_subscribe, round_trips_many_filters_with_wildcards) {
  const bytes wire = {
      0x82, 0x12,                          // SUBSCRIBE, flags 0b0010, remaining length 18
      0x01, 0x00,                          // packet id 256
      0x00, 0x03, 'a', '/', '#',           // filter "a/#"
      0x00,                                // requested QoS 0
      0x00, 0x03, '+', '/', 'b',           // filter "+/b"
      0x02,                                // requested QoS 2
      0x00, 0x01, '#',                     // filter "#"
      0x01,                                // requested QoS 1
  };
  expect_round_trip_v3(wire, subscribe{256, {{"a/#", 0}, {"+/b", 2}, {"#", 1}}},
                       decode_subscribe);
}

TEST(decode_subscribe, rejects_flags_0_MQTT_3_8_1_1) {
  const bytes wire = {
      0x80, 0x06,                          // SUBSCRIBE, flags 0b0000, remaining length 6
      0x00, 0x07,                          // packet id 7
      0x00, 0x01, 'a',                     // filter "a"
      0x00,                                // requested QoS 0
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::bad_fixed_header_flags);
}

TEST(decode_subscribe, rejects_empty_payload_MQTT_3_8_3_3) {
  const bytes wire = {
      0x82, 0x02,                          // SUBSCRIBE, remaining length 2
      0x00, 0x07,                          // packet id 7, no filters
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::empty_subscription_list);
}

TEST(decode_subscribe, rejects_reserved_qos_bits_MQTT_3_8_3_4) {
  for (const std::uint8_t options : {0x04, 0x08, 0x40, 0x80, 0xfd}) {
    const bytes wire = {
        0x82, 0x06,                        // SUBSCRIBE, remaining length 6
        0x00, 0x07,                        // packet id 7
        0x00, 0x01, 'a',                   // filter "a"
        options,                           // requested QoS byte with reserved bits set
    };
    EXPECT_EQ(v3_error(wire, decode_subscribe), error::bad_subscribe_options) << int{options};
  }
}

TEST(decode_subscribe, rejects_qos_3_MQTT_3_8_3_4) {
  const bytes wire = {
      0x82, 0x06,                          // SUBSCRIBE, remaining length 6
      0x00, 0x07,                          // packet id 7
      0x00, 0x01, 'a',                     // filter "a"
      0x03,                                // requested QoS 3
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::invalid_qos);
}

TEST(decode_subscribe, rejects_misplaced_multi_level_wildcard_MQTT_4_7_1_2) {
  const bytes wire = {
      0x82, 0x08,                          // SUBSCRIBE, remaining length 8
      0x00, 0x07,                          // packet id 7
      0x00, 0x03, '#', '/', 'a',           // filter "#/a": '#' not last
      0x00,                                // requested QoS 0
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::invalid_topic_filter);
}

TEST(decode_subscribe, rejects_partial_level_single_level_wildcard_MQTT_4_7_1_3) {
  const bytes wire = {
      0x82, 0x08,                          // SUBSCRIBE, remaining length 8
      0x00, 0x07,                          // packet id 7
      0x00, 0x03, 'a', '+', 'b',           // filter "a+b": '+' not a whole level
      0x00,                                // requested QoS 0
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::invalid_topic_filter);
}

TEST(decode_subscribe, rejects_empty_filter_MQTT_4_7_3_1) {
  const bytes wire = {
      0x82, 0x05,                          // SUBSCRIBE, remaining length 5
      0x00, 0x07,                          // packet id 7
      0x00, 0x00,                          // filter ""
      0x00,                                // requested QoS 0
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::invalid_topic_filter);
}

TEST(decode_subscribe, rejects_ill_formed_utf8_filter_MQTT_1_5_3_1) {
  const bytes wire = {
      0x82, 0x07,                          // SUBSCRIBE, remaining length 7
      0x00, 0x07,                          // packet id 7
      0x00, 0x02, 0xe2, 0x82,              // filter: a 3-byte sequence cut short
      0x00,                                // requested QoS 0
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::invalid_utf8);
}

TEST(decode_subscribe, rejects_zero_packet_id_MQTT_2_3_1_1) {
  const bytes wire = {
      0x82, 0x06,                          // SUBSCRIBE, remaining length 6
      0x00, 0x00,                          // packet id 0
      0x00, 0x01, 'a',                     // filter "a"
      0x00,                                // requested QoS 0
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::zero_packet_id);
}

TEST(decode_subscribe, rejects_filter_without_qos) {
  const bytes wire = {
      0x82, 0x05,                          // SUBSCRIBE, remaining length 5
      0x00, 0x07,                          // packet id 7
      0x00, 0x01, 'a',                     // filter "a", then nothing
  };
  EXPECT_EQ(v3_error(wire, decode_subscribe), error::truncated);
}

TEST(decode_subscribe, refuses_an_unknown_protocol_version) {
  const bytes wire = {0x82, 0x06, 0x00, 0x07, 0x00, 0x01, 'a', 0x00};
  EXPECT_EQ(error_of(decode_subscribe(frame_of(wire), static_cast<protocol_version>(6))),
            error::unexpected_packet);
}

}  // namespace
}  // namespace roost::mqtt
