// UNSUBSCRIBE and the rules of section 3.10.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(decode_unsubscribe, round_trips_two_filters) {
  const bytes wire = {
      0xa2, 0x0b,                  // UNSUBSCRIBE, flags 0b0010, remaining length 11
      0x00, 0x07,                  // packet id 7
      0x00, 0x03, 'a', '/', '#',   // filter "a/#"
      0x00, 0x02, '/', '+',        // filter "/+"
  };
  expect_round_trip_v3(wire, unsubscribe{7, {"a/#", "/+"}}, decode_unsubscribe);
}

TEST(decode_unsubscribe, rejects_flags_0_MQTT_3_10_1_1) {
  const bytes wire = {
      0xa0, 0x05,                  // UNSUBSCRIBE, flags 0b0000, remaining length 5
      0x00, 0x07,                  // packet id 7
      0x00, 0x01, 'a',             // filter "a"
  };
  EXPECT_EQ(v3_error(wire, decode_unsubscribe), error::bad_fixed_header_flags);
}

TEST(decode_unsubscribe, rejects_empty_payload_MQTT_3_10_3_2) {
  EXPECT_EQ(v3_error({0xa2, 0x02, 0x00, 0x07}, decode_unsubscribe),
            error::empty_subscription_list);
}

TEST(decode_unsubscribe, rejects_invalid_filter_MQTT_4_7_1_2) {
  const bytes wire = {
      0xa2, 0x07,                  // UNSUBSCRIBE, remaining length 7
      0x00, 0x07,                  // packet id 7
      0x00, 0x03, 'a', '#', 'b',   // filter "a#b"
  };
  EXPECT_EQ(v3_error(wire, decode_unsubscribe), error::invalid_topic_filter);
}

TEST(decode_unsubscribe, rejects_null_character_MQTT_1_5_3_2) {
  const bytes wire = {
      0xa2, 0x05,                  // UNSUBSCRIBE, remaining length 5
      0x00, 0x07,                  // packet id 7
      0x00, 0x01, 0x00,            // filter "\0"
  };
  EXPECT_EQ(v3_error(wire, decode_unsubscribe), error::invalid_utf8);
}

TEST(decode_unsubscribe, rejects_zero_packet_id_MQTT_2_3_1_1) {
  const bytes wire = {
      0xa2, 0x05,                  // UNSUBSCRIBE, remaining length 5
      0x00, 0x00,                  // packet id 0
      0x00, 0x01, 'a',             // filter "a"
  };
  EXPECT_EQ(v3_error(wire, decode_unsubscribe), error::zero_packet_id);
}

TEST(decode_unsubscribe, rejects_filter_cut_short) {
  const bytes wire = {
      0xa2, 0x05,                  // UNSUBSCRIBE, remaining length 5
      0x00, 0x07,                  // packet id 7
      0x00, 0x02, 'a',             // filter length 2, one byte follows
  };
  EXPECT_EQ(v3_error(wire, decode_unsubscribe), error::truncated);
}

}  // namespace
}  // namespace roost::mqtt
