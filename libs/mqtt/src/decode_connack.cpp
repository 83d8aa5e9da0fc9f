// CONNACK (client side).
//
//   20 02        CONNACK, remaining length 2
//   01           acknowledge flags: session present (MQTT 3.1: unused)
//   00           return code (MQTT 5: reason code)
//   [03 21 00 0a] MQTT 5: properties (here Receive Maximum 10)

#include "property_scan.hpp"
#include "reader.hpp"
#include "reason_codes.hpp"

namespace roost::mqtt {

// The acknowledge flags are reserved except bit 0 in MQTT 3.1.1 and 5, and a refusal never claims
// a session [MQTT-3.2.2-4] [MQTT-3.2.2-6]; both break with error::bad_connect_flags. MQTT 3.1 left
// that byte unused, so it is ignored there. 3.1.1 return codes are kept as sent: values above 5
// are refusals the caller does not know by name. MQTT 5 reason codes must be CONNACK's
// (error::invalid_reason_code); they are copied into `code` as well.
decoded<connack> decode_connack(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::connack, 0b0000);
  r.require(is_known_version(v), error::unexpected_packet);
  const bool v5 = v == protocol_version::v5;
  connack p;
  const std::uint8_t ack_flags = r.u8();
  const std::uint8_t code = r.u8();
  p.code = static_cast<connack_code>(code);
  if (v5) {
    p.reason = code;
    r.require(valid_reason_code(packet_type::connack, code), error::invalid_reason_code);
    read_properties(r, property_place::connack, p.props);
    require_auth_method_with_data(r, p.props);  // section 3.2.2.3.18
  }
  if (v != protocol_version::v3_1) {
    p.session_present = (ack_flags & 0x01) != 0;
    r.require((ack_flags & 0xFE) == 0, error::bad_connect_flags);
    r.require(!p.session_present || p.code == connack_code::accepted,
              error::bad_connect_flags);  // [MQTT-3.2.2-4] [MQTT-3.2.2-6]
  }
  return r.finish(std::move(p));
}

decoded<connack_properties> decode_connack_properties(const frame& f) {
  const decoded<connack> d = decode_connack(f, protocol_version::v5);
  if (!d) return fail(d.error());
  connack_properties p;
  p.receive_maximum = d->props.receive_maximum.value_or(p.receive_maximum);
  p.maximum_qos = d->props.maximum_qos.value_or(p.maximum_qos);
  return p;
}

}  // namespace roost::mqtt
