// AUTH (MQTT 5 only): a step of an extended authentication exchange (section 4.12).
//
//   f0 00                                  AUTH, reason 0x00 (success), no properties
//   f0 0a 18 08 15 00 05 'S' 'C' 'R' 'A' 'M'  continue authentication, method "SCRAM"

#include "reason_tail.hpp"

namespace roost::mqtt {

// Flags 0 [MQTT-3.15.1-1]; reason codes 0x00, 0x18, 0x19 [MQTT-3.15.2-1]; Authentication Data
// only with an Authentication Method (section 3.15.2.2.3).
decoded<auth> decode_auth(const frame& f) {
  reader r = open_body(f, packet_type::auth, 0b0000);
  auth p;
  read_reason_and_properties(r, packet_type::auth, property_place::auth, p);
  require_auth_method_with_data(r, p.props);
  return r.finish(std::move(p));
}

}  // namespace roost::mqtt
