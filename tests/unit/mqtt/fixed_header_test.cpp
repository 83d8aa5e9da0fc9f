// Fixed-header flags of every packet type but PUBLISH are fixed [MQTT-2.2.2-1] [MQTT-2.2.2-2]:
// each decoder refuses the 15 wrong values and accepts the right one.

#include <functional>

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

struct fixed_case {
  const char* name;
  bytes wire;  // a valid frame with the required flags
  std::function<std::optional<error>(const frame&)> decode;
};

template <class P>
std::function<std::optional<error>(const frame&)> with_v3_1_1(
    decoded<P> (*decode)(const frame&, protocol_version)) {
  return [decode](const frame& f) { return error_of(decode(f, protocol_version::v3_1_1)); };
}

template <class P>
std::function<std::optional<error>(const frame&)> unversioned(decoded<P> (*decode)(const frame&)) {
  return [decode](const frame& f) { return error_of(decode(f)); };
}

std::vector<fixed_case> every_fixed_flag_packet() {
  return {
      {"CONNECT",
       {0x10, 0x0c, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x00, 0x00, 0x00},
       unversioned(decode_connect)},
      {"CONNACK", {0x20, 0x02, 0x00, 0x00}, with_v3_1_1(decode_connack)},
      {"PUBACK", {0x40, 0x02, 0x00, 0x01}, with_v3_1_1(decode_puback)},
      {"PUBREC", {0x50, 0x02, 0x00, 0x01}, with_v3_1_1(decode_pubrec)},
      {"PUBREL", {0x62, 0x02, 0x00, 0x01}, with_v3_1_1(decode_pubrel)},
      {"PUBCOMP", {0x70, 0x02, 0x00, 0x01}, with_v3_1_1(decode_pubcomp)},
      {"SUBSCRIBE", {0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x00}, with_v3_1_1(decode_subscribe)},
      {"SUBACK", {0x90, 0x03, 0x00, 0x01, 0x00}, with_v3_1_1(decode_suback)},
      {"UNSUBSCRIBE", {0xa2, 0x05, 0x00, 0x01, 0x00, 0x01, 'a'}, with_v3_1_1(decode_unsubscribe)},
      {"UNSUBACK", {0xb0, 0x02, 0x00, 0x01}, with_v3_1_1(decode_unsuback)},
      {"PINGREQ", {0xc0, 0x00}, unversioned(decode_pingreq)},
      {"PINGRESP", {0xd0, 0x00}, unversioned(decode_pingresp)},
      {"DISCONNECT", {0xe0, 0x00}, with_v3_1_1(decode_disconnect)},
  };
}

TEST(decode_fixed_header, rejects_every_wrong_flag_value_MQTT_2_2_2_2) {
  for (const fixed_case& c : every_fixed_flag_packet()) {
    const std::uint8_t required = c.wire[0] & 0x0F;
    for (std::uint8_t flags = 0; flags < 16; ++flags) {
      bytes wire = c.wire;
      wire[0] = static_cast<std::uint8_t>((wire[0] & 0xF0) | flags);
      const std::optional<error> e = c.decode(frame_of(wire));
      if (flags == required) {
        EXPECT_EQ(e, std::nullopt) << c.name;
      } else {
        EXPECT_EQ(e, error::bad_fixed_header_flags) << c.name << " flags " << int{flags};
      }
    }
  }
}

}  // namespace
}  // namespace roost::mqtt
