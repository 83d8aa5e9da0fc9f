// DISCONNECT: a fixed header alone in 3.1 / 3.1.1; MQTT 5 may add a reason code and properties.
//
//   e0 00                        DISCONNECT (MQTT 5: reason 0x00, normal disconnection)
//   e0 01 04                     MQTT 5: disconnect with will message, no properties
//   e0 07 00 05 11 00 00 00 3c   MQTT 5: reason 0, Session Expiry Interval 60

#include "reason_tail.hpp"

namespace roost::mqtt {

decoded<disconnect> decode_disconnect(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::disconnect, 0b0000);  // [MQTT-3.14.1-1]
  r.require(is_known_version(v), error::unexpected_packet);
  disconnect p;
  if (v == protocol_version::v5) {
    read_reason_and_properties(r, packet_type::disconnect, property_place::disconnect, p);
  }
  return r.finish(std::move(p));
}

}  // namespace roost::mqtt
