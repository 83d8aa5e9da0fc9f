// CONNACK (client side).
//
//   20 02        CONNACK, remaining length 2
//   01           acknowledge flags: session present (MQTT 3.1: unused)
//   00           return code

#include "reader.hpp"

namespace roost::mqtt {

// The acknowledge flags are reserved except bit 0 in MQTT 3.1.1, and a refusal never claims a
// session; both break with error::bad_connect_flags. MQTT 3.1 left that byte unused, so it is
// ignored there. Return codes are kept as sent: values above 5 are refusals the caller does not
// know by name.
decoded<connack> decode_connack(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::connack, 0b0000);
  r.require(has_v3_layout(v), error::unexpected_packet);
  connack p;
  const std::uint8_t ack_flags = r.u8();
  p.code = static_cast<connack_code>(r.u8());
  if (v == protocol_version::v3_1_1) {
    p.session_present = (ack_flags & 0x01) != 0;
    r.require((ack_flags & 0xFE) == 0, error::bad_connect_flags);
    r.require(!p.session_present || p.code == connack_code::accepted,
              error::bad_connect_flags);  // [MQTT-3.2.2-4]
  }
  return r.finish(p);
}

}  // namespace roost::mqtt
