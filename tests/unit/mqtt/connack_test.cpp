// CONNACK (client side).

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(decode_connack, round_trips_session_present_3_1_1) {
  const bytes wire = {
      0x20, 0x02,  // CONNACK, remaining length 2
      0x01,        // acknowledge flags: session present
      0x00,        // return code: accepted
  };
  expect_round_trip(wire, connack{true, connack_code::accepted},
                    [](const frame& f) { return decode_connack(f, protocol_version::v3_1_1); });
}

TEST(decode_connack, round_trips_every_refusal) {
  for (std::uint8_t code = 1; code <= 5; ++code) {
    const bytes wire = {
        0x20, 0x02,  // CONNACK, remaining length 2
        0x00,        // acknowledge flags: no session
        code,        // return code: a refusal [MQTT-3.2.2-4..6]
    };
    expect_round_trip_v3(wire, connack{false, static_cast<connack_code>(code)}, decode_connack);
  }
}

TEST(decode_connack, ignores_the_unused_first_byte_in_mqtt_3_1) {
  const bytes wire = {
      0x20, 0x02,  // CONNACK, remaining length 2
      0xff,        // MQTT 3.1: not used
      0x00,        // return code: accepted
  };
  const auto d = decode_connack(frame_of(wire), protocol_version::v3_1);
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, (connack{false, connack_code::accepted}));
}

TEST(decode_connack, rejects_reserved_acknowledge_flags_section_3_2_2_1) {
  const bytes wire = {
      0x20, 0x02,  // CONNACK, remaining length 2
      0x02,        // acknowledge flags: reserved bit 1 set
      0x00,        // return code: accepted
  };
  EXPECT_EQ(error_of(decode_connack(frame_of(wire), protocol_version::v3_1_1)),
            error::bad_connect_flags);
}

TEST(decode_connack, rejects_session_present_with_refusal_MQTT_3_2_2_4) {
  const bytes wire = {
      0x20, 0x02,  // CONNACK, remaining length 2
      0x01,        // acknowledge flags: session present
      0x05,        // return code: not authorized
  };
  EXPECT_EQ(error_of(decode_connack(frame_of(wire), protocol_version::v3_1_1)),
            error::bad_connect_flags);
}

TEST(decode_connack, rejects_wrong_length) {
  EXPECT_EQ(v3_error({0x20, 0x01, 0x00}, decode_connack), error::truncated);
  EXPECT_EQ(v3_error({0x20, 0x03, 0x00, 0x00, 0x00}, decode_connack), error::trailing_bytes);
}

}  // namespace
}  // namespace roost::mqtt
