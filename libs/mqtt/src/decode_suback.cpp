// SUBACK (client side): a packet id, then one return code per requested filter.
//
//   90 04        SUBACK, remaining length 4
//   00 07        packet id
//   01 80        granted QoS 1, then a refusal

#include "reader.hpp"

namespace roost::mqtt {

// Return codes other than 0, 1, 2 and 0x80 are reserved [MQTT-3.9.3-2] (error::invalid_qos).
decoded<suback> decode_suback(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::suback, 0b0000);
  r.require(has_v3_layout(v), error::unexpected_packet);
  suback p;
  p.packet_id = r.packet_id();                                  // [MQTT-2.3.1-1]
  r.require(!r.at_end(), error::empty_subscription_list);       // one per filter [MQTT-3.8.4-5]
  while (r.ok() && !r.at_end()) {
    const std::uint8_t code = r.u8();
    r.require(code <= 2 || code == suback_failure, error::invalid_qos);  // [MQTT-3.9.3-2]
    p.return_codes.push_back(code);
  }
  return r.finish(std::move(p));
}

}  // namespace roost::mqtt
