// PINGREQ, PINGRESP and DISCONNECT: a fixed header alone.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(decode_pingreq, round_trips) {
  const bytes wire = {
      0xc0, 0x00,  // PINGREQ, remaining length 0
  };
  expect_round_trip(wire, pingreq{}, decode_pingreq);
}

TEST(decode_pingresp, round_trips) {
  const bytes wire = {
      0xd0, 0x00,  // PINGRESP, remaining length 0
  };
  expect_round_trip(wire, pingresp{}, decode_pingresp);
}

TEST(decode_disconnect, round_trips) {
  const bytes wire = {
      0xe0, 0x00,  // DISCONNECT, remaining length 0
  };
  expect_round_trip_v3(wire, disconnect{}, decode_disconnect);
}

TEST(decode_pingreq, rejects_a_body) {
  const bytes wire = {0xc0, 0x01, 0x00};
  EXPECT_EQ(error_of(decode_pingreq(frame_of(wire))), error::trailing_bytes);
  const bytes resp = {0xd0, 0x01, 0x00};
  EXPECT_EQ(error_of(decode_pingresp(frame_of(resp))), error::trailing_bytes);
  EXPECT_EQ(v3_error({0xe0, 0x01, 0x00}, decode_disconnect), error::trailing_bytes);
}

TEST(decode_pingreq, rejects_a_frame_of_another_type) {
  const bytes wire = {0xd0, 0x00};  // PINGRESP
  EXPECT_EQ(error_of(decode_pingreq(frame_of(wire))), error::unexpected_packet);
}

}  // namespace
}  // namespace roost::mqtt
