// SUBACK (client side).

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(decode_suback, round_trips_granted_and_refused) {
  const bytes wire = {
      0x90, 0x06,              // SUBACK, remaining length 6
      0x00, 0x07,              // packet id 7
      0x00, 0x01, 0x02, 0x80,  // granted QoS 0, 1, 2, then a failure
  };
  expect_round_trip_v3(wire, suback{7, {0, 1, 2, suback_failure}}, decode_suback);
}

TEST(decode_suback, rejects_reserved_return_code_MQTT_3_9_3_2) {
  for (const std::uint8_t code : {0x03, 0x40, 0x81, 0xff}) {
    const bytes wire = {
        0x90, 0x03,            // SUBACK, remaining length 3
        0x00, 0x07,            // packet id 7
        code,                  // a reserved return code
    };
    EXPECT_EQ(v3_error(wire, decode_suback), error::invalid_qos) << int{code};
  }
}

TEST(decode_suback, rejects_missing_return_codes_MQTT_3_8_4_5) {
  EXPECT_EQ(v3_error({0x90, 0x02, 0x00, 0x07}, decode_suback), error::empty_subscription_list);
}

TEST(decode_suback, rejects_zero_packet_id_MQTT_2_3_1_1) {
  EXPECT_EQ(v3_error({0x90, 0x03, 0x00, 0x00, 0x00}, decode_suback), error::zero_packet_id);
}

}  // namespace
}  // namespace roost::mqtt
