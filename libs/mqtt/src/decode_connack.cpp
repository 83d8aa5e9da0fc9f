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
// know by name. MQTT 5 puts a reason code there (0 success, 0x80 and above refusals) and then
// properties, which are skipped.
decoded<connack> decode_connack(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::connack, 0b0000);
  r.require(is_known_version(v), error::unexpected_packet);
  connack p;
  const std::uint8_t ack_flags = r.u8();
  p.code = static_cast<connack_code>(r.u8());
  if (v == protocol_version::v5) r.skip_properties();
  if (v == protocol_version::v3_1_1 || v == protocol_version::v5) {
    p.session_present = (ack_flags & 0x01) != 0;
    r.require((ack_flags & 0xFE) == 0, error::bad_connect_flags);
    r.require(!p.session_present || p.code == connack_code::accepted,
              error::bad_connect_flags);  // [MQTT-3.2.2-4]
  }
  return r.finish(p);
}

decoded<connack_properties> decode_connack_properties(const frame& f) {
  reader r = open_body(f, packet_type::connack, 0b0000);
  r.u8();  // acknowledge flags
  r.u8();  // reason code
  connack_properties p;
  r.read_properties([&](std::uint8_t id, std::uint16_t value) {
    if (id == 0x21) p.receive_maximum = value;                          // Receive Maximum
    if (id == 0x24) p.maximum_qos = static_cast<std::uint8_t>(value);  // Maximum QoS
  });
  r.require(p.receive_maximum != 0, error::malformed_remaining_length);  // [MQTT-3.2.2.3.3]
  return r.finish(p);
}

}  // namespace roost::mqtt
