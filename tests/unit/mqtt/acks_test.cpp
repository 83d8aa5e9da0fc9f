// PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK: a packet id and nothing else.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(decode_puback, round_trips) {
  const bytes wire = {
      0x40, 0x02,  // PUBACK, remaining length 2
      0x00, 0x07,  // packet id 7
  };
  expect_round_trip_v3(wire, puback{7}, decode_puback);
}

TEST(decode_pubrec, round_trips) {
  const bytes wire = {
      0x50, 0x02,  // PUBREC, remaining length 2
      0x01, 0x02,  // packet id 258
  };
  expect_round_trip_v3(wire, pubrec{258}, decode_pubrec);
}

TEST(decode_pubrel, round_trips) {
  const bytes wire = {
      0x62, 0x02,  // PUBREL, flags 0b0010, remaining length 2
      0xff, 0xff,  // packet id 65535
  };
  expect_round_trip_v3(wire, pubrel{65535}, decode_pubrel);
}

TEST(decode_pubcomp, round_trips) {
  const bytes wire = {
      0x70, 0x02,  // PUBCOMP, remaining length 2
      0x00, 0x01,  // packet id 1
  };
  expect_round_trip_v3(wire, pubcomp{1}, decode_pubcomp);
}

TEST(decode_unsuback, round_trips) {
  const bytes wire = {
      0xb0, 0x02,  // UNSUBACK, remaining length 2
      0x00, 0x09,  // packet id 9
  };
  expect_round_trip_v3(wire, unsuback{9}, decode_unsuback);
}

TEST(decode_pubrel, rejects_flags_0_MQTT_3_6_1_1) {
  EXPECT_EQ(v3_error({0x60, 0x02, 0x00, 0x07}, decode_pubrel), error::bad_fixed_header_flags);
}

TEST(decode_puback, rejects_zero_packet_id_MQTT_2_3_1_1) {
  EXPECT_EQ(v3_error({0x40, 0x02, 0x00, 0x00}, decode_puback), error::zero_packet_id);
  EXPECT_EQ(v3_error({0x50, 0x02, 0x00, 0x00}, decode_pubrec), error::zero_packet_id);
  EXPECT_EQ(v3_error({0x62, 0x02, 0x00, 0x00}, decode_pubrel), error::zero_packet_id);
  EXPECT_EQ(v3_error({0x70, 0x02, 0x00, 0x00}, decode_pubcomp), error::zero_packet_id);
  EXPECT_EQ(v3_error({0xb0, 0x02, 0x00, 0x00}, decode_unsuback), error::zero_packet_id);
}

TEST(decode_puback, rejects_short_body) {
  EXPECT_EQ(v3_error({0x40, 0x01, 0x07}, decode_puback), error::truncated);
  EXPECT_EQ(v3_error({0x40, 0x00}, decode_puback), error::truncated);
}

TEST(decode_puback, rejects_trailing_bytes) {
  // MQTT 5 would read a reason code here; 3.1.1 has nothing after the packet id.
  EXPECT_EQ(v3_error({0x40, 0x03, 0x00, 0x07, 0x00}, decode_puback), error::trailing_bytes);
  EXPECT_EQ(v3_error({0x62, 0x03, 0x00, 0x07, 0x00}, decode_pubrel), error::trailing_bytes);
}

TEST(decode_puback, rejects_a_frame_of_another_type) {
  EXPECT_EQ(v3_error({0x50, 0x02, 0x00, 0x07}, decode_puback), error::unexpected_packet);
}

TEST(decode_unsuback, refuses_an_unknown_protocol_version) {
  const bytes wire = {0xb0, 0x02, 0x00, 0x07};
  EXPECT_EQ(error_of(decode_unsuback(frame_of(wire), static_cast<protocol_version>(6))),
            error::unexpected_packet);
}

}  // namespace
}  // namespace roost::mqtt
